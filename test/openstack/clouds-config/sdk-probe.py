"""Asks the installed openstacksdk what it makes of each case (read from stdin as JSON).

Each case: {"env": {...}, "cwd": "...", "cloud": str|null, "region": str|null, "load": bool}.
The environment is replaced and openstack.config.loader reloaded per case, because the loader
computes its search path at import time. Prints one JSON list; never prints secret values.
"""
import importlib
import json
import os
import sys

import openstack.config.loader as loader


def probe(case):
    debug = os.environ.get("SDK_PROBE_DEBUG")
    os.environ.clear()
    os.environ.update(case["env"])
    if debug:
        os.environ["SDK_PROBE_DEBUG"] = debug
    os.chdir(case["cwd"])
    importlib.reload(loader)
    out = {"dirs": loader.CONFIG_SEARCH_PATH, "clouds": loader.CONFIG_FILES, "secure": loader.SECURE_FILES}
    if not case.get("load"):
        return out
    try:
        config = loader.OpenStackConfig()
        out.update(
            configFiles=config._config_files,
            secureFiles=config._secure_files,
            file=config.config_filename,
            secureFile=next((f for f in config._secure_files if os.path.exists(f)), None),
            names=list(config.get_cloud_names()),
            default=config.default_cloud,
        )
        if "cloud" in case:
            region = config.get_one(case["cloud"], region_name=case.get("region"))
            auth = dict(region.config["auth"])
            for key in ("password", "token", "application_credential_secret"):
                if key in auth:
                    auth[key] = "<secret>"
            out.update(
                region=region.region_name,
                authType=region.config["auth_type"],
                auth=auth,
                interface=region.config.get("interface"),
                verify=region.get_requests_verify_args()[0],
            )
    except Exception as error:  # the test compares the fact of an error, not its text
        out["error"] = type(error).__name__
        if os.environ.get("SDK_PROBE_DEBUG"):
            import traceback
            traceback.print_exc()
    return out


print(json.dumps([probe(case) for case in json.load(sys.stdin)]))
