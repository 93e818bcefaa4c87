"""Three machines on this one: an API host and two worker hosts, each a network namespace,
sharing PostgreSQL, a private Redis and a moto S3 server through their links only.

The services listen on the bridge's address in the root namespace; PostgreSQL (which
listens on the loopback) is reached through a small forwarder there, so the server's own
configuration is never touched. Skipped with the reason where namespaces cannot be made
(not root, no iproute2, a container without the capability).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from studio.config import get_settings
from studio.db import dispose_engines
from tests.jobs.conftest import (
    RedisServer,
    StudioEnv,
    Worker,
    _configure,
    free_port,
    quick_recovery,
)

from . import network


@dataclass
class Machines:
    net: network.Network
    studio: StudioEnv  # this process: the test's view of the shared database and storage
    bucket: str
    s3_endpoint: str
    database_url: str  # as the hosts reach it (through the forwarder)
    tmp: Path
    started: list[subprocess.Popen[bytes]] = field(default_factory=list)
    workers: list[Worker] = field(default_factory=list)

    def env_of(self, host: str) -> StudioEnv:
        """The environment of a program on ``host``: its own studio home, the shared
        services at the bridge's address."""
        home = self.tmp / host / "home"
        (home / "media").mkdir(parents=True, exist_ok=True)
        env = {**self.studio.env, "STUDIO_HOME": str(home),
               "STUDIO_MEDIA_ROOT": str(home / "media"),
               "STUDIO_DATABASE_URL": self.database_url}
        studio = StudioEnv(home=home, env=env, workspace_id=self.studio.workspace_id,
                           log_dir=self.studio.log_dir)
        return studio

    def worker(self, host: str, concurrency: int = 1) -> Worker:
        worker = Worker(self.env_of(host), concurrency, host, prefix=self.net.prefix(host))
        self.workers.append(worker)
        return worker

    def api(self, host: str = "api", port: int = 8000) -> str:
        """``studio serve --no-worker`` on ``host``; returns its base URL."""
        studio = self.env_of(host)
        address = self.net.hosts[host][2]
        with (studio.log_dir / f"{host}.log").open("ab") as log:
            self.started.append(subprocess.Popen(
                [*self.net.prefix(host), sys.executable, "-m", "studio", "serve",
                 "--no-worker", "--host", address, "--port", str(port),
                 "--log-level", "warning"],
                env=studio.env, cwd=studio.home, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True))
        return f"http://{address}:{port}"

    def s3(self):  # type: ignore[no-untyped-def]
        import boto3

        return boto3.client("s3", endpoint_url=self.s3_endpoint)


@pytest.fixture
def machines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
             postgres_url: str) -> Iterator[Machines]:
    reason = network.unavailable()
    if reason:
        pytest.skip(f"network namespaces cannot be made here: {reason}")
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    from moto.server import ThreadedMotoServer

    network.remove_leftovers()
    net = network.Network()
    redis: RedisServer | None = None
    moto: ThreadedMotoServer | None = None
    forwarder: subprocess.Popen[bytes] | None = None
    machines: Machines | None = None
    try:
        for host in ("api", "h1", "h2"):
            net.add_host(host)
        redis = RedisServer(tmp_path / "redis", persistent=True, bind=net.gateway)
        redis.start()
        s3_port = free_port()
        moto = ThreadedMotoServer(ip_address=net.gateway, port=s3_port, verbose=False)
        moto.start()
        endpoint = f"http://{net.gateway}:{s3_port}"
        bucket = f"renders-{uuid.uuid4().hex[:8]}"
        database = make_url(postgres_url)
        forward_port = free_port()
        (tmp_path / "logs").mkdir(exist_ok=True)
        forwarder = network.start_forwarder(net.gateway, forward_port,
                                            database.host or "127.0.0.1", database.port or 5432,
                                            tmp_path / "logs" / "forwarder.log")
        hosts_url = database.set(host=net.gateway, port=forward_port)
        studio = _configure(monkeypatch, tmp_path / "home", postgres_url, {
            "STUDIO_BROKER_URL": redis.url, "STUDIO_STORAGE_URL": f"s3://{bucket}/studio",
            "STUDIO_S3_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
        })
        quick_recovery(studio, monkeypatch)
        machines = Machines(net=net, studio=studio, bucket=bucket, s3_endpoint=endpoint,
                            database_url=hosts_url.render_as_string(hide_password=False),
                            tmp=tmp_path)
        machines.s3().create_bucket(Bucket=bucket)
        yield machines
    finally:
        if machines is not None:
            for worker in machines.workers:
                worker.kill()
            for process in machines.started:
                process.kill()
                process.wait()
        net.close()
        if forwarder is not None:
            forwarder.kill()
            forwarder.wait()
        if moto is not None:
            moto.stop()
        if redis is not None:
            redis.stop()
        get_settings.cache_clear()
        dispose_engines()
