"""
The smallest patches that let moto 5.2.1 answer like AWS where the stacks need it. Each is named, cites the AWS API
reference it follows, and touches nothing else. Nothing here weakens a stack: the stacks deploy unchanged.

Tested by __tests__/e2e/shims.test.ts against a running server.
"""
import base64
import hashlib
import hmac
import json
import secrets

import moto
from flask import has_request_context, request
from moto.awslambda.models import LambdaFunction
from moto.cognitoidentity.responses import CognitoIdentityResponse
from moto.cognitoidp.exceptions import NotAuthorizedError
from moto.cognitoidp.models import CognitoIdpBackend
from moto.core.exceptions import JsonRESTError
from moto.iam.access_control import IAMPolicyStatement, PermissionResult
from moto.s3.models import FakeBucket

SHIMMED_MOTO_VERSION = "5.2.1"


# --- identity-pool-roles ------------------------------------------------------------------------------------------
# Amazon Cognito Identity API Reference, SetIdentityPoolRoles and GetIdentityPoolRoles: "Sets the roles for an
# identity pool" / "Gets the roles for an identity pool"; Roles keys are "authenticated" and "unauthenticated";
# a RoleMapping's Type is Token or Rules, and AmbiguousRoleResolution (AuthenticatedRole | Deny) is required for both.
# moto 5.2.1 has neither action, so aws_cognito_identity_pool_roles_attachment waits forever.

class InvalidParameter(JsonRESTError):
    def __init__(self, message: str) -> None:
        super().__init__("InvalidParameterException", message)


def _identity_pool_roles(backend) -> dict:
    if not hasattr(backend, "shim_identity_pool_roles"):
        backend.shim_identity_pool_roles = {}
    return backend.shim_identity_pool_roles


def _set_identity_pool_roles(self) -> str:
    pool_id = self._get_param("IdentityPoolId")
    self.backend.describe_identity_pool(pool_id)  # ResourceNotFoundException for an unknown pool, as AWS
    roles = self._get_param("Roles") or {}
    mappings = self._get_param("RoleMappings") or {}
    for key in roles:
        if key not in ("authenticated", "unauthenticated"):
            raise InvalidParameter(f"Roles: unknown key {key!r} (authenticated | unauthenticated)")
    for provider, mapping in mappings.items():
        if mapping.get("Type") not in ("Token", "Rules"):
            raise InvalidParameter(f"RoleMappings[{provider}].Type must be Token or Rules")
        if mapping.get("AmbiguousRoleResolution") not in ("AuthenticatedRole", "Deny"):
            raise InvalidParameter(f"RoleMappings[{provider}].AmbiguousRoleResolution must be AuthenticatedRole or Deny")
    _identity_pool_roles(self.backend)[pool_id] = {"Roles": roles, "RoleMappings": mappings}
    return ""


def _get_identity_pool_roles(self) -> str:
    pool_id = self._get_param("IdentityPoolId")
    self.backend.describe_identity_pool(pool_id)
    stored = _identity_pool_roles(self.backend).get(pool_id, {"Roles": {}, "RoleMappings": {}})
    return json.dumps({"IdentityPoolId": pool_id, **stored})


def identity_pool_roles() -> None:
    CognitoIdentityResponse.set_identity_pool_roles = _set_identity_pool_roles
    CognitoIdentityResponse.get_identity_pool_roles = _get_identity_pool_roles
    delete = CognitoIdentityResponse.delete_identity_pool

    def delete_identity_pool(self) -> str:
        result = delete(self)
        _identity_pool_roles(self.backend).pop(self._get_param("IdentityPoolId"), None)
        return result

    CognitoIdentityResponse.delete_identity_pool = delete_identity_pool


# --- srp-sign-in ----------------------------------------------------------------------------------------------------
# Amazon Cognito user pools API Reference, InitiateAuth (USER_SRP_AUTH) and RespondToAuthChallenge (PASSWORD_VERIFIER):
# the challenge carries SALT, SRP_B, SECRET_BLOCK and USER_ID_FOR_SRP; the answer's USERNAME is USER_ID_FOR_SRP, and
# PASSWORD_CLAIM_SIGNATURE proves the password. moto 5.2.1 returns USER_ID_FOR_SRP = the user's sub, looks the answer
# up by username only ("User does not exist") and sends random SALT/SRP_B, checking no proof. This shim runs the
# server side of Cognito's SRP-6a (3072-bit group, g = 2, HKDF info "Caldera Derived Key") from the password moto
# stores, finds the user by sub or username, and refuses a wrong proof with "Incorrect username or password.".

N = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B"
    "302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1F"
    "E649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096"
    "966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF695"
    "5817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA7157"
    "5D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B"
    "18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
    16,
)
G = 2


def _pad_hex(value: int) -> str:
    """Cognito's hex form of a number: even length, and a leading 00 when the top bit is set (a positive number)."""
    text = format(value, "x")
    if len(text) % 2:
        text = "0" + text
    return "00" + text if text[0] in "89abcdef" else text


def _hash_hex(hex_text: str) -> int:
    return int(hashlib.sha256(bytes.fromhex(hex_text)).hexdigest(), 16)


K_MULTIPLIER = _hash_hex(_pad_hex(N) + _pad_hex(G))


def _verifier(pool_id: str, user_id: str, password: str, salt: int) -> int:
    inner = hashlib.sha256(f"{pool_id.split('_')[1]}{user_id}:{password}".encode()).hexdigest()
    x = _hash_hex(_pad_hex(salt) + inner.rjust(64, "0"))
    return pow(G, x, N)


def _signature(pool_id: str, user_id: str, secret_block: str, timestamp: str, a_pub: int, b_pub: int, b_priv: int, v: int) -> str:
    u = _hash_hex(_pad_hex(a_pub) + _pad_hex(b_pub))
    shared = pow(a_pub * pow(v, u, N), b_priv, N)
    prk = hmac.new(bytes.fromhex(_pad_hex(u)), bytes.fromhex(_pad_hex(shared)), hashlib.sha256).digest()
    key = hmac.new(prk, b"Caldera Derived Key\x01", hashlib.sha256).digest()[:16]
    message = pool_id.split("_")[1].encode() + user_id.encode() + base64.b64decode(secret_block) + timestamp.encode()
    return base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()


def srp_sign_in() -> None:
    initiate = CognitoIdpBackend.initiate_auth
    respond = CognitoIdpBackend.respond_to_auth_challenge
    pending: dict = {}  # SECRET_BLOCK → what the proof is checked against

    def initiate_auth(self, client_id, auth_flow, auth_parameters):
        result = initiate(self, client_id, auth_flow, auth_parameters)
        if result.get("ChallengeName") != "PASSWORD_VERIFIER":
            return result
        a_pub = int(auth_parameters["SRP_A"], 16)
        if a_pub % N == 0:
            raise NotAuthorizedError("Incorrect username or password.")
        session = result["Session"]
        username, pool = self.sessions[session]
        user = self.admin_get_user(pool.id, username)
        params = result["ChallengeParameters"]
        salt = int.from_bytes(secrets.token_bytes(16), "big")
        v = _verifier(pool.id, params["USER_ID_FOR_SRP"], user.password or "", salt)
        b_priv = int.from_bytes(secrets.token_bytes(128), "big")
        b_pub = (K_MULTIPLIER * v + pow(G, b_priv, N)) % N
        secret_block = base64.b64encode(secrets.token_bytes(64)).decode()
        pending[secret_block] = {
            "session": session, "pool": pool.id, "user_id": params["USER_ID_FOR_SRP"], "username": user.username,
            "sub": user.id, "a": a_pub, "B": b_pub, "b": b_priv, "v": v,
        }
        params.update({"SALT": format(salt, "x"), "SRP_B": format(b_pub, "x"), "SECRET_BLOCK": secret_block})
        return result

    def respond_to_auth_challenge(self, session, client_id, challenge_name, challenge_responses):
        if challenge_name != "PASSWORD_VERIFIER":
            return respond(self, session, client_id, challenge_name, challenge_responses)
        block = challenge_responses.get("PASSWORD_CLAIM_SECRET_BLOCK", "")
        state = pending.pop(block, None)
        if state is None:
            raise NotAuthorizedError("Invalid session for the user.")
        if challenge_responses.get("USERNAME") not in (state["username"], state["sub"]):
            raise NotAuthorizedError("Incorrect username or password.")
        expected = _signature(state["pool"], state["user_id"], block, challenge_responses.get("TIMESTAMP", ""),
                              state["a"], state["B"], state["b"], state["v"])
        if not hmac.compare_digest(expected, challenge_responses.get("PASSWORD_CLAIM_SIGNATURE", "")):
            raise NotAuthorizedError("Incorrect username or password.")
        # moto finds its session by the secret block it issued and the user by username.
        answer = {**challenge_responses, "USERNAME": state["username"], "PASSWORD_CLAIM_SECRET_BLOCK": state["session"]}
        return respond(self, session, client_id, challenge_name, answer)

    CognitoIdpBackend.initiate_auth = initiate_auth
    CognitoIdpBackend.respond_to_auth_challenge = respond_to_auth_challenge


# --- lambda-logging-config ----------------------------------------------------------------------------------------
# AWS Lambda API Reference, LoggingConfig (CreateFunction, UpdateFunctionConfiguration, GetFunctionConfiguration):
# LogFormat Text | JSON (default Text); LogGroup default /aws/lambda/<function name>; ApplicationLogLevel and
# SystemLogLevel apply to JSON only, default INFO. moto 5.2.1 drops LoggingConfig, so every plan shows a diff.

def _logging_config(name: str, given: dict | None) -> dict:
    config = {"LogFormat": "Text", "LogGroup": f"/aws/lambda/{name}", **(given or {})}
    if config["LogFormat"] == "JSON":
        config.setdefault("ApplicationLogLevel", "INFO")
        config.setdefault("SystemLogLevel", "INFO")
    else:
        config.pop("ApplicationLogLevel", None)
        config.pop("SystemLogLevel", None)
    return config


def lambda_logging_config() -> None:
    init = LambdaFunction.__init__
    get_configuration = LambdaFunction.get_configuration
    update_configuration = LambdaFunction.update_configuration

    def __init__(self, *args, **kwargs):
        init(self, *args, **kwargs)  # moto 5.2.1: (account_id, spec, region, version)
        spec = kwargs["spec"] if "spec" in kwargs else args[1]
        self.shim_logging_config = _logging_config(self.function_name, spec.get("LoggingConfig"))

    def get(self, *args, **kwargs):
        return {**get_configuration(self, *args, **kwargs), "LoggingConfig": self.shim_logging_config}

    def update(self, config_updates):
        if "LoggingConfig" in config_updates:
            self.shim_logging_config = _logging_config(self.function_name, config_updates["LoggingConfig"])
        update_configuration(self, config_updates)
        return get(self)

    LambdaFunction.__init__ = __init__
    LambdaFunction.get_configuration = get
    LambdaFunction.update_configuration = update


# --- s3-secure-transport --------------------------------------------------------------------------------------------
# IAM User Guide, "AWS global condition context keys", aws:SecureTransport: "whether the request was sent using TLS";
# "Condition element": a statement applies only when its conditions hold. moto 5.2.1 ignores the Bool operator, so
# the TLS-only Deny of every bucket denies every object call, over TLS too. This shim evaluates Bool conditions on
# aws:SecureTransport from the real connection and skips a statement whose condition does not hold. Any other
# condition is left to moto's own evaluation.

def _secure_transport() -> str:
    return "true" if has_request_context() and request.is_secure else "false"


def _tls_condition_holds(condition: dict) -> bool | None:
    """True/False for a Condition made only of Bool aws:SecureTransport; None for anything else."""
    if set(condition) != {"Bool"} or set(condition["Bool"]) != {"aws:SecureTransport"}:
        return None
    expected = condition["Bool"]["aws:SecureTransport"]
    values = expected if isinstance(expected, list) else [expected]
    return _secure_transport() in [str(value).lower() for value in values]


def s3_secure_transport() -> None:
    get_permission = FakeBucket.get_permission

    def get_permission_with_tls(self, action: str, resource: str):
        if self.policy is None:
            return get_permission(self, action, resource)
        statements = json.loads(self.policy.decode())["Statement"]
        statements = statements if isinstance(statements, list) else [statements]
        permitted = False
        for statement in statements:
            holds = _tls_condition_holds(statement.get("Condition") or {}) if statement.get("Condition") else True
            if holds is False:
                continue
            if holds is True:
                statement = {key: value for key, value in statement.items() if key != "Condition"}
            result = IAMPolicyStatement(statement).is_action_permitted(action, resource)
            if result == PermissionResult.DENIED:
                return result
            permitted = permitted or result == PermissionResult.PERMITTED
        return PermissionResult.PERMITTED if permitted else PermissionResult.NEUTRAL

    FakeBucket.get_permission = get_permission_with_tls


SHIMS = {
    "identity-pool-roles": identity_pool_roles,
    "srp-sign-in": srp_sign_in,
    "lambda-logging-config": lambda_logging_config,
    "s3-secure-transport": s3_secure_transport,
}


def apply_shims() -> list[str]:
    if moto.__version__ != SHIMMED_MOTO_VERSION:
        raise SystemExit(
            f"e2e: the moto shims patch moto {SHIMMED_MOTO_VERSION} internals, but moto {moto.__version__} is installed: "
            f"pip install 'moto[server]=={SHIMMED_MOTO_VERSION}'"
        )
    for apply in SHIMS.values():
        apply()
    return list(SHIMS)
