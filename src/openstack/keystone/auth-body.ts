/**
 * The body of Keystone v3 `POST /v3/auth/tokens` for each auth type of a cloud.
 *
 * @module
 */
import type { CloudAuth, ResolvedCloud } from '../clouds-config/types.js'

type Json = Record<string, unknown>

/**
 * Builds the auth request body: password (user and project by name or id, with domains),
 * application credential (id, or name + user) or token. With a project, `domainId` and
 * `domainName` are the default for the user's and the project's domain (as openstacksdk does);
 * without one they scope the token to the domain.
 *
 * @example
 * authRequestBody({ authType: 'password', auth: { authUrl, username: 'demo', password: 'pw', projectName: 'demo', userDomainName: 'Default', projectDomainName: 'Default' } })
 */
export function authRequestBody(cloud: Pick<ResolvedCloud, 'authType' | 'auth'>): Json {
  const { auth } = cloud
  switch (cloud.authType) {
    case 'password':
      return { auth: { identity: { methods: ['password'], password: { user: passwordUser(auth) } }, ...scopeOf(auth) } }
    case 'token':
      return { auth: { identity: { methods: ['token'], token: { id: required(auth.token, 'token') } }, ...scopeOf(auth) } }
    case 'v3applicationcredential':
      return { auth: { identity: { methods: ['application_credential'], application_credential: applicationCredential(auth) } } }
  }
}

function passwordUser(auth: CloudAuth): Json {
  const password = required(auth.password, 'password')
  if (auth.userId) return { id: auth.userId, password }
  return { name: required(auth.username, 'username or user_id'), password, domain: userDomain(auth) }
}

function applicationCredential(auth: CloudAuth): Json {
  const secret = required(auth.applicationCredentialSecret, 'application_credential_secret')
  if (auth.applicationCredentialId) return { id: auth.applicationCredentialId, secret }
  const name = required(auth.applicationCredentialName, 'application_credential_id or application_credential_name')
  const user = auth.userId ? { id: auth.userId } : { name: required(auth.username, 'username or user_id'), domain: userDomain(auth) }
  return { name, secret, user }
}

function hasProject(auth: CloudAuth): boolean {
  return Boolean(auth.projectId || auth.projectName)
}

function userDomain(auth: CloudAuth): Json {
  if (auth.userDomainId) return { id: auth.userDomainId }
  if (auth.userDomainName) return { name: auth.userDomainName }
  if (auth.domainId) return { id: auth.domainId }
  if (auth.domainName) return { name: auth.domainName }
  throw new AuthConfigError('user_domain_name or user_domain_id is needed with username')
}

function scopeOf(auth: CloudAuth): Json {
  if (auth.projectId) return { scope: { project: { id: auth.projectId } } }
  if (auth.projectName) return { scope: { project: { name: auth.projectName, domain: projectDomain(auth) } } }
  if (!hasProject(auth) && auth.domainId) return { scope: { domain: { id: auth.domainId } } }
  if (!hasProject(auth) && auth.domainName) return { scope: { domain: { name: auth.domainName } } }
  if (auth.systemScope) return { scope: { system: { [auth.systemScope]: true } } }
  return {}
}

function projectDomain(auth: CloudAuth): Json {
  if (auth.projectDomainId) return { id: auth.projectDomainId }
  if (auth.projectDomainName) return { name: auth.projectDomainName }
  if (auth.domainId) return { id: auth.domainId }
  if (auth.domainName) return { name: auth.domainName }
  throw new AuthConfigError('project_domain_name or project_domain_id is needed with project_name')
}

function required(value: string | undefined, what: string): string {
  if (value === undefined || value === '') throw new AuthConfigError(`the cloud's auth lacks ${what}`)
  return value
}

/** The cloud's auth settings cannot make a Keystone request (a config error, not the cloud's fault). */
export class AuthConfigError extends Error {
  override readonly name = 'AuthConfigError'
}

/**
 * The Keystone v3 base URL of an `auth_url` (`http://h:5000` and `http://h:5000/v3/` both give
 * `http://h:5000/v3`).
 *
 * @example
 * identityV3Url('http://127.0.0.1:5000') // 'http://127.0.0.1:5000/v3'
 */
export function identityV3Url(authUrl: string): string {
  const trimmed = authUrl.replace(/\/+$/, '')
  return /\/v3$/.test(trimmed) ? trimmed : `${trimmed}/v3`
}
