"""Starts the Java exchange server as a real subprocess for the tests.

The JUnit test PythonClientTest (datahandle-exchange) runs this suite with DATAHANDLE_TEST_JAVA (the java
binary) and DATAHANDLE_TEST_CLASSPATH (the module's test class path) set; the server is
org.datahandle.exchange.TestServerMain on a temporary workflow.
"""

import os
import shutil
import subprocess
import tempfile
import time
import uuid

import pytest

WORKFLOW = """\
dataHandles:
  dat:
    disk: {path: out/dat.arrow}
  scores:
    disk: {path: out/scores.csv}
  inshm:
    disk: {path: shm:///inshm.arrow}
  config:
    disk: {path: out/config.json}
    memory: {format: object}
"""


def _java_and_classpath():
    java = os.environ.get("DATAHANDLE_TEST_JAVA")
    classpath = os.environ.get("DATAHANDLE_TEST_CLASSPATH")
    if not java or not classpath:
        if os.environ.get("CI") == "true":
            pytest.fail("DATAHANDLE_TEST_JAVA and DATAHANDLE_TEST_CLASSPATH are not set: run through PythonClientTest")
        pytest.skip("no Java server to test against (run through the Maven test PythonClientTest)")
    return java, classpath


def _serve(java, classpath, work, tls_args=()):
    """Starts TestServerMain on a workflow in ``work``; yields what the tests need, stops it afterwards."""
    shm_dir = os.path.join("/dev/shm" if os.path.isdir("/dev/shm") else work, "dh-pytest-" + uuid.uuid4().hex)
    workflow = os.path.join(work, "workflow.yaml")
    with open(workflow, "w") as f:
        f.write(WORKFLOW)
    conn_file = os.path.join(work, "conn", "server.json")
    proc = subprocess.Popen([java, "-Xmx512m", "-cp", classpath, "org.datahandle.exchange.TestServerMain",
                             workflow, conn_file, shm_dir, *tls_args],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while not os.path.exists(conn_file):
        if proc.poll() is not None:
            out = proc.stdout.read().decode("utf-8", "replace")
            pytest.fail("the Java server exited with %s before it was ready:\n%s" % (proc.returncode, out))
        if time.time() > deadline:
            proc.kill()
            pytest.fail("the Java server did not write its connection file within 60 s")
        time.sleep(0.1)
    with open(os.path.join(work, "conn", "job-id")) as f:
        job_id = f.read().strip()
    try:
        yield {"connection_file": conn_file, "job_id": job_id, "work": work, "process": proc}
    finally:
        proc.stdin.close()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(shm_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def server():
    java, classpath = _java_and_classpath()
    yield from _serve(java, classpath, tempfile.mkdtemp(prefix="dh-pytest-"))


@pytest.fixture(scope="session")
def tls_server():
    """The same server over HTTPS, with a key made by the JDK's keytool; ``cafile`` is its certificate (PEM)."""
    java, classpath = _java_and_classpath()
    work = tempfile.mkdtemp(prefix="dh-pytest-tls-")
    keytool = os.path.join(os.path.dirname(java), "keytool")
    keystore, cafile = os.path.join(work, "server.p12"), os.path.join(work, "server.pem")
    for args in (["-genkeypair", "-alias", "dh", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                  "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12"],
                 ["-exportcert", "-rfc", "-alias", "dh", "-file", cafile]):
        subprocess.run([keytool, *args, "-keystore", keystore, "-storepass", "changeit"], check=True,
                       stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    for s in _serve(java, classpath, work, (keystore, "changeit")):
        s["cafile"] = cafile
        yield s


@pytest.fixture
def ds(server):
    import datahandle as dh

    client = dh.connect(connection_file=server["connection_file"])
    yield client
    for name in ("dat", "scores", "inshm", "config"):
        try:
            client.delete(name)
        except dh.ExchangeError:
            pass
