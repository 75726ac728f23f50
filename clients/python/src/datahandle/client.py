"""The exchange client: HTTP/1.1 with the standard library, Arrow IPC streams with pyarrow."""

import contextlib
import errno
import glob
import http.client
import json
import os
import select
import ssl
import threading
import urllib.parse

import pyarrow as pa
import pyarrow.ipc as ipc

from . import errors

ARROW_STREAM = "application/vnd.apache.arrow.stream"
JSON_TYPE = "application/json"
# Batches a push sends: the server refuses a record batch over its limit (64 MiB by default).
MAX_BATCH_ROWS = 65536
MAX_BATCH_BYTES = 16 << 20
# Requests that may be sent again when a kept-alive connection turns out dead: sending one twice has the
# effect of sending it once (idempotent, RFC 9110 §9.2.2), even if the server acted on the first before the
# connection died. A push's body (PUT) or a job's cancel (POST) is never sent twice.
_REPEATABLE = frozenset(("GET", "HEAD", "DELETE"))
# What a request on a connection the server already closed fails with, before any answer arrives.
_DEAD_CONNECTION = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, ssl.SSLEOFError,
                    ssl.SSLZeroReturnError)
_DEAD_ERRNOS = frozenset((errno.EPIPE, errno.ECONNRESET, errno.ECONNABORTED, errno.ENOTCONN, errno.EBADF))


class _PoolBody:
    """A response body whose reads land in buffers of pyarrow's memory pool.

    pyarrow asks its file for each message body in one ``read(n)``; from a plain response that is
    a new ``bytes`` object, which for large bodies is fresh memory from the C library every time
    (page faults on every pull, about twice the client's CPU in some runs). Buffers of pyarrow's
    pool are reused from one pull to the next, and the record batches keep them without a copy.
    """

    def __init__(self, resp):
        self._resp = resp

    def read(self, n=-1):
        if n is None or n < 0:
            return self._resp.read()
        buf = pa.allocate_buffer(n)
        view = memoryview(buf).cast("B")
        got = 0
        while got < n:
            k = self._resp.readinto(view[got:])
            if not k:
                break
            got += k
        view.release()
        return buf if got == n else buf.slice(0, got)

    @property
    def closed(self):
        return self._resp.closed

    def readable(self):
        return True

    def close(self):
        self._resp.close()


def _default_connection_dir():
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isdir(runtime):
        return os.path.join(runtime, "datahandle")
    return os.path.join(os.path.expanduser("~"), ".local", "share", "datahandle", "runtime")


def connect(url=None, token=None, connection_file=None, timeout=60.0, ssl_context=None):
    """A client of an exchange server.

    With no arguments: ``DATAHANDLE_URL`` and ``DATAHANDLE_TOKEN`` (what a server hands its child
    processes), else the file ``DATAHANDLE_CONNECTION_FILE`` names, else the newest connection file in
    the default folder (``$XDG_RUNTIME_DIR/datahandle`` or ``~/.local/share/datahandle/runtime``).
    """
    if url is None and connection_file is None:
        url, token = os.environ.get("DATAHANDLE_URL"), token or os.environ.get("DATAHANDLE_TOKEN")
        if url is None:
            connection_file = os.environ.get("DATAHANDLE_CONNECTION_FILE")
            if connection_file is None:
                candidates = sorted((f for f in glob.glob(os.path.join(_default_connection_dir(), "*.json"))
                                     if _server_alive(f)), key=os.path.getmtime)
                if not candidates:
                    raise errors.ExchangeError(
                        "no server to connect to: set DATAHANDLE_URL and DATAHANDLE_TOKEN, or "
                        "DATAHANDLE_CONNECTION_FILE, or start one with 'datahandle serve workflow.yaml'",
                        code="NotConfigured")
                connection_file = candidates[-1]
    if connection_file is not None:
        with open(connection_file, "r", encoding="utf-8") as f:
            doc = json.load(f)
        url, token = doc["url"], doc["token"]
    if token is None:
        raise errors.AuthError("no token given for " + url, code="Unauthorized", status=401)
    return Client(url, token, timeout=timeout, ssl_context=ssl_context)


def _server_alive(connection_file):
    """False for a connection file whose server process is gone (left by a killed server)."""
    try:
        with open(connection_file, "r", encoding="utf-8") as f:
            pid = int(json.load(f).get("pid", 0))
        if pid <= 0:
            return True
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except (OSError, ValueError):
        return True


class Client:
    """Pull, push, list, state, delete and locate handles of one server; follow its jobs."""

    def __init__(self, url, token, timeout=60.0, ssl_context=None):
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https"):
            raise ValueError("the server URL is http:// or https://, was " + url)
        self.url = url.rstrip("/")
        self._https = parsed.scheme == "https"
        self._host = parsed.hostname
        self._port = parsed.port or (443 if self._https else 80)
        self._token = token
        self._timeout = timeout
        # made once (it loads the CA certificates), not per connection
        self._ssl = ssl_context or (ssl.create_default_context() if self._https else None)
        # one kept-alive connection per thread: an http.client connection is not safe to share
        self._local = threading.local()

    def __repr__(self):
        return "datahandle.Client(%r)" % self.url  # never the token

    def close(self):
        """Closes the calling thread's kept-alive connection (the next request opens a new one).

        Each thread that used this client has a connection of its own; those of other threads close when
        their threads end or the client is garbage-collected, or when the server drops them after its
        keep-alive time (10 s). Streams (``reader``, ``batches``, ``Job.events``) have their own
        connections, closed by closing or finishing the stream.
        """
        slot = getattr(self._local, "slot", None)
        if slot is not None:
            slot.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---- plumbing ----

    def _connection(self):
        if self._https:
            return http.client.HTTPSConnection(self._host, self._port, timeout=self._timeout, context=self._ssl)
        return http.client.HTTPConnection(self._host, self._port, timeout=self._timeout)

    def _slot(self):
        slot = getattr(self._local, "slot", None)
        if slot is None or slot.pid != os.getpid():
            if slot is not None:
                slot.close()  # inherited through fork: closes this process's copy only, the parent keeps it
            slot = self._local.slot = _Slot(self._connection())
        return slot

    @contextlib.contextmanager
    def _kept_alive(self, method, path, headers=None):
        """Sends a body-less request on the calling thread's kept-alive connection and yields the 2xx
        response, which the caller reads whole; raises the typed error for any other status.

        A kept-alive connection the server closed meanwhile (HTTP/1.1 lets it close an idle one at any
        time) is found before sending when it can be, else by the request failing before any answer: a
        request that is safe to repeat (GET, HEAD, DELETE) is then sent once more on a new connection. A
        new connection's failure is not retried. A connection is kept only when its response was read to
        the end and the server did not say ``Connection: close``; after any error it is closed.
        """
        slot = self._slot()
        resp = self._send(slot.conn, method, path, headers)
        try:
            if resp.status >= 300:
                body = resp.read()
                raise errors.from_wire(resp.status, body)
            yield resp
            if not resp.isclosed():
                resp.read(1 << 16)  # a stream's last chunk, after pyarrow stopped at the end-of-stream marker
            if not resp.isclosed():
                slot.conn.close()  # the caller left part of the body: the connection cannot carry another request
        except errors.ExchangeError:
            if not resp.isclosed():
                slot.conn.close()
            raise
        except BaseException:
            slot.conn.close()  # a half-read answer (or an interrupt): never reuse the connection
            raise

    def _send(self, conn, method, path, headers):
        for attempt in (1, 2):
            reused = conn.sock is not None  # http.client reconnects by itself when the socket is gone
            if reused and _dropped_while_idle(conn.sock):
                conn.close()  # the server closed it (or sent something unasked): start afresh, no retry used
                reused = False
            try:
                conn.request(method, path, headers=self._headers(headers))
                return conn.getresponse()  # with Connection: close, http.client closes the socket itself
            except (OSError, http.client.HTTPException) as e:
                conn.close()
                if attempt == 1 and reused and method in _REPEATABLE and _unanswered(e):
                    continue
                raise errors.ExchangeError("request to %s failed: %s" % (self.url, e)) from e
            except BaseException:
                conn.close()
                raise

    def _headers(self, extra=None):
        h = {"Authorization": "Bearer " + self._token}
        if extra:
            h.update(extra)
        return h

    @staticmethod
    def _path(name, suffix=""):
        if not isinstance(name, str):
            raise TypeError("a handle name is a str, not " + type(name).__name__)
        return "/v1/handles/" + urllib.parse.quote(name, safe="") + suffix

    def _open(self, method, path, body=None, headers=None, chunked=False):
        """Sends a request; answers (connection, response) for a 2xx, raises the typed error otherwise."""
        conn = self._connection()
        try:
            conn.request(method, path, body=body, headers=self._headers(headers), encode_chunked=chunked)
            resp = conn.getresponse()
        except (OSError, http.client.HTTPException) as e:
            conn.close()
            raise errors.ExchangeError("request to %s failed: %s" % (self.url, e)) from e
        if resp.status >= 300:
            body = resp.read()
            conn.close()
            raise errors.from_wire(resp.status, body)
        return conn, resp

    def _json(self, method, path, headers=None):
        with self._kept_alive(method, path, headers) as resp:
            data = resp.read()
        return json.loads(data) if data else None

    # ---- handles ----

    def info(self):
        """The server's protocol version and abilities."""
        return self._json("GET", "/v1/info")

    def list(self):
        """Every handle: name, state, format, kind, rows, bytes, version, locations."""
        return self._json("GET", "/v1/handles")["handles"]

    def state(self, name):
        """One handle's state: ``{"state": {"disk", "memory"}, "produced", "version", ...}``."""
        return self._json("GET", self._path(name, "/state"))

    def locate(self, name):
        """Where a handle's data is: ``file:`` URIs for local and shm data, and its HTTP URL."""
        return self._json("GET", self._path(name, "/locations"))["locations"]

    def delete(self, name):
        """Deletes the handle's data (disk, and memory with it)."""
        with self._kept_alive("DELETE", self._path(name)) as resp:
            resp.read()

    # ---- pull ----

    def reader(self, name):
        """A ``pyarrow.RecordBatchReader`` over the handle, streamed as the server sends it.

        Close it (or read it to the end) to release the connection. A stream the server cut off (it
        stopped, or the data changed mid-pull) raises instead of ending early.
        """
        conn, resp = self._open("GET", self._path(name), headers={"Accept": ARROW_STREAM})
        ctype = resp.getheader("Content-Type", "")
        if not ctype.startswith(ARROW_STREAM):
            resp.read()
            conn.close()
            raise errors.ExchangeError("handle %r is a %s document, not a table: use pull_json()" % (name, ctype),
                                       code="NotATable", status=resp.status, handle=name)
        try:
            return _ClosingReader(ipc.open_stream(_PoolBody(resp)), conn)
        except (pa.ArrowInvalid, OSError) as e:
            conn.close()
            raise errors.BadDataError("the pull of %r did not start with an Arrow stream: %s" % (name, e),
                                      code="BadData", handle=name) from e

    def batches(self, name):
        """The handle's record batches one at a time: for data larger than memory."""
        r = self.reader(name)
        try:
            for batch in r:
                yield batch
        finally:
            r.close()

    def pull(self, name, to="pandas", shm=True):
        """The handle's data: a pandas DataFrame (``to="pandas"``), a ``pyarrow.Table`` (``"arrow"``)
        or a numpy 2-D array (``"numpy"``, numeric columns). A document handle comes back as the
        parsed JSON whatever ``to`` says.

        On the same host, a handle stored as an Arrow file (an ``shm:`` handle, say) is memory-mapped
        without a copy when its file still matches what the server published; else it is streamed.
        """
        if to not in ("pandas", "arrow", "numpy"):
            raise ValueError("to is 'pandas', 'arrow' or 'numpy', not %r" % (to,))
        table = self.open_shm(name) if shm else None
        if table is None:
            # read whole here, so on the kept-alive connection (reader() and batches() have their own)
            with self._kept_alive("GET", self._path(name), headers={"Accept": ARROW_STREAM}) as resp:
                if resp.getheader("Content-Type", "").startswith(JSON_TYPE):
                    return json.loads(resp.read())
                try:
                    table = ipc.open_stream(_PoolBody(resp)).read_all()
                except (pa.ArrowInvalid, OSError) as e:
                    raise errors.BadDataError("the pull of %r broke off: %s" % (name, e), code="BadData",
                                              handle=name) from e
        return _convert(table, to)

    def pull_json(self, name):
        """A document handle's JSON, parsed."""
        with self._kept_alive("GET", self._path(name), headers={"Accept": JSON_TYPE}) as resp:
            data = resp.read()
        return json.loads(data)

    def open_shm(self, name):
        """The handle as a zero-copy ``pyarrow.Table`` mapped from its file, or None when it is not a
        single Arrow file on this host whose size and time match what the server's commit record says."""
        try:
            locations = self.locate(name)
        except errors.NotProducedError:
            return None
        files = [l for l in locations if l.get("uri", "").startswith("file:")]
        if len(files) != 1:
            return None
        loc = files[0]
        path = urllib.parse.unquote(urllib.parse.urlsplit(loc["uri"]).path)
        if not loc.get("recordMatches") or not path.endswith((".arrow", ".feather", ".ipc")):
            return None
        try:
            before = os.stat(path)
        except OSError:
            return None
        if not _matches(before, loc):
            return None
        try:
            source = pa.memory_map(path, "r")
            table = ipc.open_file(source).read_all()
        except (OSError, pa.ArrowInvalid):
            return None
        after = os.fstat(source.fileno()) if hasattr(source, "fileno") else os.stat(path)
        if after.st_ino != before.st_ino or not _matches(after, loc):
            return None
        return table

    # ---- push ----

    def push(self, name, data):
        """Pushes ``data`` under ``name``: a pandas DataFrame, a pyarrow Table, RecordBatch or
        RecordBatchReader, a numpy 2-D array (columns ``c0``, ``c1``, ...), or a dict/list (a JSON
        document, for ``object``/``json`` handles). The data streams in batches; the server publishes it
        only once the whole stream arrived. Answers the server's ``{"name", "rows", "bytes", "version"}``.

        Raises AlreadyProducedError if the handle is produced or another client is pushing it.
        """
        if isinstance(data, (dict, list)):
            body = json.dumps(data).encode("utf-8")
            return self._push(name, body, {"Content-Type": JSON_TYPE}, chunked=False)
        schema, batches = _batches_of(data)
        # the body is framed here (chunked transfer coding), so that buffers go to the socket without a copy
        return self._push(name, _ipc_chunks(schema, batches),
                          {"Content-Type": ARROW_STREAM, "Transfer-Encoding": "chunked"}, chunked=False)

    def _push(self, name, body, headers, chunked):
        # a connection of its own, always new: a body that was (partly) sent is never sent again, and a
        # refused push's connection is reset by the server
        conn = self._connection()
        path = self._path(name)
        try:
            try:
                conn.request("PUT", path, body=body, headers=self._headers(headers), encode_chunked=chunked)
            except (BrokenPipeError, ConnectionResetError):
                pass  # refused early: the answer may still be readable
            try:
                resp = conn.getresponse()
                data = resp.read()
            except (OSError, http.client.HTTPException) as e:
                # the server refused before reading and reset the connection: its state says why
                st = self._state_or_none(name)
                if st is not None and (st.get("produced") or st.get("pushing")
                                       or st.get("state", {}).get("disk") == "writing"):
                    raise errors.AlreadyProducedError("handle %r is produced or being written by another client; "
                                                      "the server refused the push" % name,
                                                      code="AlreadyProduced", status=409, handle=name) from e
                raise errors.ExchangeError("the push of %r failed: %s" % (name, e), handle=name) from e
            if resp.status >= 300:
                raise errors.from_wire(resp.status, data)
            return json.loads(data)
        finally:
            conn.close()

    def _state_or_none(self, name):
        try:
            return self.state(name)
        except errors.ExchangeError:
            return None

    # ---- jobs ----

    def jobs(self):
        """The server's jobs (id, name, command, status, ...)."""
        return self._json("GET", "/v1/jobs")["jobs"]

    def job(self, job_id):
        """A job by id, to follow its events."""
        return Job(self, job_id)


class Job:
    """One job of the server's registry."""

    def __init__(self, client, job_id):
        self._client = client
        self.id = job_id

    def info(self):
        return self._client._json("GET", "/v1/jobs/" + urllib.parse.quote(self.id, safe=""))

    def cancel(self):
        return self._client._json("POST", "/v1/jobs/" + urllib.parse.quote(self.id, safe="") + "/cancel")

    def events(self, follow=False, stream="events", start=0):
        """The job's events as dicts (``seq``, ``time``, ``type``, ...), from sequence number ``start``.

        ``stream`` is ``events`` (all), ``stdout``, ``stderr``, ``status`` or ``rows``. With
        ``follow=True`` it waits for new events until the job ends.
        """
        path = "/v1/jobs/%s/%s?from=%d%s" % (urllib.parse.quote(self.id, safe=""), stream, start,
                                              "&follow=1" if follow else "")
        # a connection of its own: the caller may stop iterating, or follow the job for hours
        conn, resp = self._client._open("GET", path, headers={"Accept": "application/x-ndjson"})
        try:
            while True:
                line = resp.readline()
                if not line:
                    break
                if line.strip():
                    yield json.loads(line)
        finally:
            conn.close()

    def rows(self, follow=False):
        """The job's rows as a pyarrow Table (the first row fixes the columns)."""
        path = "/v1/jobs/%s/rows%s" % (urllib.parse.quote(self.id, safe=""), "?follow=1" if follow else "")
        with self._client._kept_alive("GET", path, headers={"Accept": ARROW_STREAM}) as resp:
            return ipc.open_stream(resp).read_all()


class _Slot:
    """A thread's kept-alive connection; closed when the thread ends or the client goes (its thread-local
    storage is dropped then), rather than left to the socket's finalizer."""

    def __init__(self, conn):
        self.conn = conn
        self.pid = os.getpid()

    def close(self):
        self.conn.close()

    def __del__(self):
        try:
            self.conn.close()
        except Exception:  # noqa: BLE001 - at interpreter exit modules may be gone; the OS closes the socket
            pass


def _dropped_while_idle(sock):
    """True when an idle kept-alive socket is readable: the server closed it (or reset it, or sent bytes
    nobody asked for); in every case the connection cannot carry another request."""
    if isinstance(sock, ssl.SSLSocket) and sock.pending():
        return True
    try:
        if hasattr(select, "poll"):
            p = select.poll()
            p.register(sock, select.POLLIN)
            return bool(p.poll(0))
        return bool(select.select([sock], [], [], 0)[0])
    except (OSError, ValueError):
        return True  # closed already


def _unanswered(e):
    """Whether a request failed the way one on a connection the server had closed fails: before any
    byte of an answer (an empty status line is RemoteDisconnected, itself a ConnectionResetError)."""
    if isinstance(e, _DEAD_CONNECTION):
        return True
    if isinstance(e, http.client.BadStatusLine):
        return not str(e.line or "").strip()
    return isinstance(e, OSError) and e.errno in _DEAD_ERRNOS


class _ClosingReader:
    """A RecordBatchReader that also closes its HTTP connection."""

    def __init__(self, reader, conn):
        self._reader = reader
        self._conn = conn
        self.schema = reader.schema

    def __iter__(self):
        return self

    def __next__(self):
        try:
            return self._reader.read_next_batch()
        except StopIteration:
            self.close()
            raise

    def read_all(self):
        try:
            return self._reader.read_all()
        finally:
            self.close()

    def close(self):
        self._conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _matches(st, loc):
    return (st.st_size == loc.get("size") and loc.get("modifiedMillis") is not None
            and st.st_mtime_ns // 1_000_000 == loc["modifiedMillis"])


def _convert(table, to):
    if to == "arrow":
        return table
    if to == "pandas":
        return table.to_pandas()
    import numpy as np

    if table.num_columns == 0:
        return np.empty((table.num_rows, 0))
    return np.column_stack([table.column(i).to_numpy() for i in range(table.num_columns)])


def _batches_of(data):
    """(schema, iterator of RecordBatch) for anything push takes."""
    if isinstance(data, pa.Table):
        return data.schema, iter(data.to_batches(max_chunksize=MAX_BATCH_ROWS))
    if isinstance(data, pa.RecordBatch):
        return data.schema, iter([data])
    if isinstance(data, pa.RecordBatchReader):
        return data.schema, iter(data)
    module = type(data).__module__
    if module.startswith("pandas"):
        t = pa.Table.from_pandas(data, preserve_index=False)
        return _batches_of(t)
    if module.startswith("numpy"):
        if data.ndim != 2:
            raise ValueError("a numpy array pushes as a table when it is 2-D; this one has %d dimensions" % data.ndim)
        t = pa.table({"c%d" % i: data[:, i] for i in range(data.shape[1])})
        return _batches_of(t)
    raise TypeError("push takes a pandas DataFrame, a pyarrow Table/RecordBatch/RecordBatchReader, a numpy 2-D "
                    "array or a dict/list (JSON), not " + type(data).__name__)


class _Frames:
    """A write-only file for pyarrow's IPC writer that turns what it writes into chunked-transfer frames.

    Body buffers come as ``pyarrow.Buffer`` views of the data: large ones are framed by reference, never
    copied, and reach the socket as they are; the small writes between them (message headers, padding)
    are gathered into one frame.
    """

    SMALL = 1 << 16

    def __init__(self):
        self._frames = []
        self._small = bytearray()
        self.closed = False

    def write(self, b):
        n = b.size if isinstance(b, pa.Buffer) else len(b)
        if n >= self.SMALL:
            self._gather()
            self._frames.append(b"%X\r\n" % n)
            self._frames.append(b)
            self._frames.append(b"\r\n")
        elif n:
            self._small += b
        return n

    def _gather(self):
        if self._small:
            self._frames.append(b"%X\r\n" % len(self._small) + bytes(self._small) + b"\r\n")
            self._small = bytearray()

    def flush(self):
        pass

    def close(self):
        self.closed = True

    def take(self):
        """The frames written since the last take()."""
        self._gather()
        frames, self._frames = self._frames, []
        return frames


def _split(batch):
    """Slices a batch so that no slice is over MAX_BATCH_BYTES (the server's batch limit is larger)."""
    if batch.nbytes <= MAX_BATCH_BYTES or batch.num_rows <= 1:
        yield batch
        return
    pieces = -(-batch.nbytes // MAX_BATCH_BYTES)
    step = max(1, batch.num_rows // pieces)
    for start in range(0, batch.num_rows, step):
        yield batch.slice(start, step)


def _ipc_chunks(schema, batches):
    """The IPC stream of the batches as chunked-transfer frames (the end-of-stream marker, then the last
    chunk, at the end). A frame is only produced once the batch before it was sent."""
    out = _Frames()
    writer = ipc.new_stream(out, schema)
    yield from out.take()
    for batch in batches:
        for piece in _split(batch):
            writer.write_batch(piece)
            yield from out.take()
    writer.close()
    yield from out.take()
    yield b"0\r\n\r\n"
