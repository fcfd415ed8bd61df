"""A timestamp authority for the tests: RFC 3161 over HTTP on the loopback, signing with a certificate of the test CA."""

import contextlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from asn1crypto import keys, tsp, x509
from cryptography.hazmat.primitives import serialization
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from signing import pki


@contextlib.contextmanager
def running_tsa(ca: pki.Issued):
    """Serve a timestamp authority whose certificate `ca` issued; yield its URL and the list of requests it answered."""
    holder = pki.issue(ca, "TSA THỬ NGHIỆM", organisation="Bộ kiểm thử", timestamping=True)
    stamper = DummyTimeStamper(
        tsa_cert=x509.Certificate.load(holder.cert_der()),
        tsa_key=keys.PrivateKeyInfo.load(
            holder.key.private_bytes(
                serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        ),
    )
    answered = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            body = stamper.request_tsa_response(request).dump()
            answered.append(request)
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/tsa", answered
    finally:
        server.shutdown()
        server.server_close()
