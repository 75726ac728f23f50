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


@pytest.fixture(scope="session")
def server():
    java = os.environ.get("DATAHANDLE_TEST_JAVA")
    classpath = os.environ.get("DATAHANDLE_TEST_CLASSPATH")
    if not java or not classpath:
        if os.environ.get("CI") == "true":
            pytest.fail("DATAHANDLE_TEST_JAVA and DATAHANDLE_TEST_CLASSPATH are not set: run through PythonClientTest")
        pytest.skip("no Java server to test against (run through the Maven test PythonClientTest)")
    work = tempfile.mkdtemp(prefix="dh-pytest-")
    shm_dir = os.path.join("/dev/shm" if os.path.isdir("/dev/shm") else work, "dh-pytest-" + uuid.uuid4().hex)
    workflow = os.path.join(work, "workflow.yaml")
    with open(workflow, "w") as f:
        f.write(WORKFLOW)
    conn_file = os.path.join(work, "conn", "server.json")
    proc = subprocess.Popen([java, "-Xmx512m", "-cp", classpath, "org.datahandle.exchange.TestServerMain",
                             workflow, conn_file, shm_dir],
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
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(shm_dir, ignore_errors=True)


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
