"""A private, throw-away PostgreSQL 15 cluster for a Python test script (the Python twin of
scripts/lib/postgres.sh): initdb into a fresh temporary directory, start on 127.0.0.1:<port>
with trust auth and no fsync, create one database, and stop/remove it all at the end.
As root the cluster runs as the OS user `postgres` (PostgreSQL refuses to run as root)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def _as_owner(args: list[str], log: Path) -> int:
    cmd = ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args
    with open(log, "ab") as f:
        return subprocess.run(cmd, cwd="/", stdout=f, stderr=subprocess.STDOUT, timeout=180).returncode


def _port_in_use(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


class PrivatePostgres:
    def __init__(self, first_port: int = 55436, tries: int = 20, database: str = "fengqiao_cluster"):
        self.first_port, self.tries, self.database = first_port, tries, database
        self.dir: Path | None = None
        self.port: int | None = None

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{self.database}"

    def start(self) -> str:
        if not (PG_BIN / "initdb").exists():
            raise RuntimeError(f"{PG_BIN}/initdb not found (apt-get install postgresql-15, or give --postgres URL)")
        self.dir = Path(tempfile.mkdtemp(prefix="fengqiao-pg."))
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        os.chmod(self.dir, 0o700)
        log = self.dir / "setup.log"
        if _as_owner([str(PG_BIN / "initdb"), "-D", str(self.dir / "data"), "--auth=trust", "-U", "postgres",
                      "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"], log) != 0:
            raise RuntimeError(f"initdb failed: {log.read_text(errors='replace')[-2000:]}")
        for port in range(self.first_port, self.first_port + self.tries):
            if _port_in_use(port):
                continue
            opts = (f"-p {port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
                    "-c full_page_writes=off -c max_connections=300")
            if _as_owner([str(PG_BIN / "pg_ctl"), "-D", str(self.dir / "data"), "-l", str(self.dir / "postgres.log"),
                          "-w", "-t", "60", "-o", opts, "start"], log) == 0:
                self.port = port
                break
            _as_owner([str(PG_BIN / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate", "stop"], log)
        if self.port is None:
            raise RuntimeError(f"no usable port in {self.first_port}…{self.first_port + self.tries - 1}")
        out = subprocess.run([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", self.database],
                             capture_output=True, text=True, timeout=60)
        if out.returncode != 0:
            raise RuntimeError(f"createdb failed: {out.stderr.strip()}")
        return self.url

    def stop(self) -> None:
        if self.dir is None:
            return
        if (self.dir / "data" / "postmaster.pid").exists():
            _as_owner([str(PG_BIN / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate", "-w", "-t", "30", "stop"],
                      self.dir / "setup.log")
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None
