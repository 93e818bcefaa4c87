"""Machines on one computer: network namespaces joined by a bridge, the way the multi-host
tests see an API host and worker hosts.

Each "host" is a namespace with one veth link to a bridge in the root namespace; the bridge
has the address every service listens on (Redis, the S3 server, a forwarder to PostgreSQL),
so a host reaches them only over its link, and ``cut``/``mend`` take the link down and up.
Everything is named after this test process, and what a killed test run left behind is
removed by the next one.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import signal
import subprocess
from pathlib import Path

PREFIX = "sthost"  # namespaces sthost<pid>-<name>, bridge stbr<pid>, links st<pid><n>


def ip(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["ip", *args], capture_output=True, text=True, check=check)


def unavailable() -> str | None:
    """Why namespaces cannot be made here (None: they can)."""
    if shutil.which("ip") is None:
        return "the `ip` command (iproute2) is not installed"
    if os.geteuid() != 0:
        return "network namespaces need root"
    probe = f"{PREFIX}{os.getpid()}-probe"
    made = ip("netns", "add", probe, check=False)
    if made.returncode != 0:
        return f"`ip netns add` failed: {made.stderr.strip()}"
    ip("netns", "del", probe, check=False)
    return None


def _pid_alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists()


def remove_leftovers() -> None:
    """Namespaces and bridges of test runs that were killed before cleaning up."""
    for line in ip("netns", "list", check=False).stdout.splitlines():
        name = line.split()[0] if line.strip() else ""
        owner = name[len(PREFIX):].split("-")[0]
        if name.startswith(PREFIX) and owner.isdigit() and not _pid_alive(int(owner)):
            kill_all_in(name)
            ip("netns", "del", name, check=False)
    for line in ip("-o", "link", "show", "type", "bridge", check=False).stdout.splitlines():
        name = line.split(":")[1].strip().split("@")[0]
        owner = name[len("stbr"):]
        if name.startswith("stbr") and owner.isdigit() and not _pid_alive(int(owner)):
            ip("link", "del", name, check=False)


def kill_all_in(namespace: str) -> list[int]:
    """SIGKILL every process in ``namespace`` (the machine lost); returns their pids."""
    pids = [int(p) for p in ip("netns", "pids", namespace, check=False).stdout.split()]
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return pids


def free_subnet() -> ipaddress.IPv4Network:
    """A /24 no route of this machine uses."""
    used = []
    for line in ip("-4", "route", "show", "table", "all", check=False).stdout.splitlines():
        first = line.split()[0] if line.split() else ""
        try:
            used.append(ipaddress.ip_network(first, strict=False))
        except ValueError:
            continue
    for n in range(os.getpid() % 200, os.getpid() % 200 + 200):
        subnet = ipaddress.ip_network(f"10.{201 + n // 250 % 50}.{n % 250}.0/24")
        if not any(subnet.overlaps(u) for u in used if u.prefixlen > 0):
            return subnet
    raise RuntimeError("no free 10.x.y.0/24 for the test network")


class Network:
    """A bridge with the services' address (``.1``) and hosts at ``.10`` onwards."""

    def __init__(self) -> None:
        self.tag = str(os.getpid())
        self.subnet = free_subnet()
        hosts = list(self.subnet.hosts())
        self.gateway = str(hosts[0])
        self._next = iter(hosts[9:])
        self.bridge = f"stbr{self.tag}"
        self.hosts: dict[str, tuple[str, str, str]] = {}  # name -> (namespace, link, ip)
        ip("link", "add", self.bridge, "type", "bridge")
        ip("addr", "add", f"{self.gateway}/{self.subnet.prefixlen}", "dev", self.bridge)
        ip("link", "set", self.bridge, "up")

    def add_host(self, name: str) -> str:
        """A namespace ``name`` linked to the bridge; returns its address."""
        namespace = f"{PREFIX}{self.tag}-{name}"
        link = f"st{self.tag}{len(self.hosts)}"[:15]
        address = str(next(self._next))
        ip("netns", "add", namespace)
        ip("link", "add", link, "type", "veth", "peer", "name", f"{link}p")
        ip("link", "set", f"{link}p", "netns", namespace)
        ip("-n", namespace, "link", "set", f"{link}p", "name", "eth0")
        ip("-n", namespace, "addr", "add", f"{address}/{self.subnet.prefixlen}", "dev", "eth0")
        ip("-n", namespace, "link", "set", "eth0", "up")
        ip("-n", namespace, "link", "set", "lo", "up")
        ip("link", "set", link, "master", self.bridge)
        ip("link", "set", link, "up")
        self.hosts[name] = (namespace, link, address)
        return address

    def prefix(self, name: str) -> list[str]:
        """The command prefix that runs a program on host ``name``."""
        return ["ip", "netns", "exec", self.hosts[name][0]]

    def cut(self, name: str) -> None:
        """The host's cable pulled: its processes live on, talking to nobody."""
        ip("link", "set", self.hosts[name][1], "down")

    def mend(self, name: str) -> None:
        ip("link", "set", self.hosts[name][1], "up")

    def kill(self, name: str) -> list[int]:
        """Every process of the host killed (the machine lost)."""
        return kill_all_in(self.hosts[name][0])

    def close(self) -> None:
        for namespace, link, _ in self.hosts.values():
            kill_all_in(namespace)
            ip("link", "del", link, check=False)
            ip("netns", "del", namespace, check=False)
        ip("link", "del", self.bridge, check=False)


def start_forwarder(listen: str, port: int, target: str, target_port: int,
                    log: Path) -> subprocess.Popen[bytes]:
    """tcp_proxy.py on ``listen:port`` (the root namespace) to ``target:target_port``."""
    import sys
    import time

    with log.open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("tcp_proxy.py")), listen, str(port),
             target, str(target_port)], stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 15
    while "listening" not in log.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the forwarder did not start: {log.read_text()[-500:]}")
        time.sleep(0.05)
    return process
