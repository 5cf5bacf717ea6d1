import { loadConfig, ConfigError } from './src/config/index.js'
for (const f of process.argv.slice(2)) {
try { await loadConfig({ file: f, cwd: 'test/fixtures/config', env: {} }); console.log(f, 'OK') } catch (e) { console.log('== ' + f + '\n' + (e as ConfigError).message) }
}
