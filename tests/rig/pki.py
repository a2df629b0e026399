"""A throwaway CA and a server certificate for 127.0.0.1/localhost, made with trustme."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import trustme


@dataclass(frozen=True)
class Pki:
    ca_file: str  # verifies the server certificate
    cert_file: str  # server certificate chain
    key_file: str
    wrong_ca_file: str  # an unrelated CA: verification against it must fail


def make_pki(directory: Path) -> Pki:
    directory.mkdir(parents=True, exist_ok=True)
    ca, other = trustme.CA(), trustme.CA()
    server = ca.issue_cert("127.0.0.1", "localhost")
    paths = {name: directory / f"{name}.pem" for name in ("ca", "cert", "key", "wrong-ca")}
    ca.cert_pem.write_to_path(str(paths["ca"]))
    server.private_key_pem.write_to_path(str(paths["key"]))
    with open(paths["cert"], "wb") as chain:
        for blob in server.cert_chain_pems:
            chain.write(blob.bytes())
    other.cert_pem.write_to_path(str(paths["wrong-ca"]))
    return Pki(str(paths["ca"]), str(paths["cert"]), str(paths["key"]), str(paths["wrong-ca"]))
