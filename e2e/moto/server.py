"""
moto's server with the e2e shims (shims.py), on two free 127.0.0.1 ports sharing one in-memory AWS: HTTPS, with a
certificate made for this run (so aws:SecureTransport is true, as on AWS), and plain HTTP (false). Prints one JSON
line {"https", "http", "ca", "moto", "shims"} once both listen, then serves until SIGTERM/SIGINT.

usage: python3 e2e/moto/server.py <folder for the CA certificate and TLS key>
"""
import datetime
import ipaddress
import json
import os
import signal
import ssl
import sys
import threading

sys.path.insert(0, os.path.dirname(__file__))

try:
    import moto
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import make_server
except ImportError as missing:
    print(f"e2e: moto's server is not installed ({missing}): pip install 'moto[server]'", file=sys.stderr)
    sys.exit(3)

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from shims import apply_shims


def write_certificates(folder: str) -> tuple[str, str, str]:
    """A throw-away CA and a 127.0.0.1 server certificate it signs; clients trust the CA file for this run only."""
    now = datetime.datetime.now(datetime.timezone.utc)
    validity = (now - datetime.timedelta(minutes=5), now + datetime.timedelta(days=1))
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "cognito-rbac e2e CA")])
    ca = (
        x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(validity[0]).not_valid_after(validity[1])
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(validity[0]).not_valid_after(validity[1])
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    paths = tuple(os.path.join(folder, name) for name in ("ca.pem", "server.pem", "server-key.pem"))
    pem = serialization.Encoding.PEM
    with open(paths[0], "wb") as out:
        out.write(ca.public_bytes(pem))
    with open(paths[1], "wb") as out:
        out.write(leaf.public_bytes(pem))
    with open(paths[2], "wb") as out:
        out.write(key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return paths  # type: ignore[return-value]


def main() -> None:
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        print("usage: python3 e2e/moto/server.py <existing folder for the certificates>", file=sys.stderr)
        sys.exit(2)
    shims = apply_shims()
    ca, cert, key = write_certificates(sys.argv[1])
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    app = DomainDispatcherApplication(create_backend_app)
    servers = {
        "https": make_server("127.0.0.1", 0, app, threaded=True, ssl_context=context),
        "http": make_server("127.0.0.1", 0, app, threaded=True),
    }
    for server in servers.values():
        threading.Thread(target=server.serve_forever, daemon=True).start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print(json.dumps({**{name: s.port for name, s in servers.items()}, "ca": ca, "moto": moto.__version__, "shims": shims}), flush=True)
    stop.wait()
    for server in servers.values():
        server.shutdown()


if __name__ == "__main__":
    main()
