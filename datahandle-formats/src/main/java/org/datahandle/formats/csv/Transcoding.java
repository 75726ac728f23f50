package org.datahandle.formats.csv;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import org.datahandle.DataFormatException;

/**
 * The {@code encoding} option: files in another character set are read as UTF-8 text and written from
 * it, as they stream, in buffers of a fixed size (so a file of any size takes the same memory). The
 * parser then works on UTF-8 as always; the byte offsets its errors name count the UTF-8 text, while
 * line numbers are the file's own. Bytes the character set does not define are an error naming the
 * offset in the file, never replaced silently.
 */
final class Transcoding {
    private static final int BUFFER = 1 << 16;

    private Transcoding() {}

    /** {@code in}, decoded from {@code charset}, as UTF-8 bytes. */
    static InputStream toUtf8(InputStream in, Charset charset, String handleId, URI path) {
        int[] table = singleByteTable(charset);
        return table != null ? new SingleByte(in, table, charset, handleId, path)
                : new General(in, charset, handleId, path);
    }

    /** An output stream that takes UTF-8 bytes and writes them to {@code out} in {@code charset}. */
    static OutputStream fromUtf8(OutputStream out, Charset charset, String handleId, URI path) {
        return new Encoding(out, charset, handleId, path);
    }

    /**
     * For a character set of one byte per character (windows-1252, ISO-8859-x), each byte's UTF-8 bytes
     * packed into an int (length in the top byte), or -1 for a byte the set does not define; null for
     * other character sets.
     */
    private static int[] singleByteTable(Charset charset) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        if (decoder.maxCharsPerByte() != 1.0f || charset.newEncoder().maxBytesPerChar() != 1.0f) {
            return null;
        }
        int[] table = new int[256];
        for (int b = 0; b < 256; b++) {
            try {
                CharBuffer c = decoder.reset().decode(ByteBuffer.wrap(new byte[] {(byte) b}));
                if (c.length() != 1) {
                    return null;
                }
                byte[] utf8 = String.valueOf(c.charAt(0)).getBytes(UTF_8);
                int packed = utf8.length << 24;
                for (int i = 0; i < utf8.length; i++) {
                    packed |= (utf8[i] & 0xff) << (8 * (2 - i));
                }
                table[b] = packed;
            } catch (CharacterCodingException e) {
                table[b] = -1;
            }
        }
        return table;
    }

    private static DataFormatException undefined(String handleId, URI path, Charset charset, long offset,
            String bytes) {
        return CsvErrors.at(handleId, path, -1, offset, "the bytes " + bytes + " at byte offset " + offset
                + " are not valid " + charset.name() + " text (option 'encoding')");
    }

    /** UTF-8 bytes made from another encoding, a buffer at a time: the reading side both decoders share. */
    private abstract static class Utf8Source extends InputStream {
        final InputStream in;
        final byte[] out;
        int pos;
        int limit;

        Utf8Source(InputStream in, int capacity) {
            this.in = in;
            this.out = new byte[capacity];
        }

        /** Refills {@link #out} from {@link #pos} 0 to {@link #limit}; false at the end of the input. */
        abstract boolean fill() throws IOException;

        @Override
        public int read() throws IOException {
            if (pos == limit && !fill()) {
                return -1;
            }
            return out[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos == limit && !fill()) {
                return -1;
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(out, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** A one-byte character set by table: one lookup per byte. */
    private static final class SingleByte extends Utf8Source {
        private final int[] table;
        private final Charset charset;
        private final String handleId;
        private final URI path;
        private final byte[] raw = new byte[BUFFER];
        private long consumed;

        SingleByte(InputStream in, int[] table, Charset charset, String handleId, URI path) {
            super(in, BUFFER * 3);
            this.table = table;
            this.charset = charset;
            this.handleId = handleId;
            this.path = path;
        }

        @Override
        boolean fill() throws IOException {
            int n = in.read(raw, 0, raw.length);
            while (n == 0) {
                n = in.read(raw, 0, raw.length);
            }
            if (n < 0) {
                return false;
            }
            int o = 0;
            for (int i = 0; i < n; i++) {
                int b = raw[i];
                if (b >= 0 && table[b] == (0x01000000 | (b << 16))) {
                    out[o++] = (byte) b; // ASCII is itself in every such set this table accepts
                    continue;
                }
                int packed = table[b & 0xff];
                if (packed == -1) {
                    throw undefined(handleId, path, charset, consumed + i, String.format("0x%02X", b & 0xff));
                }
                int len = packed >>> 24;
                for (int k = 0; k < len; k++) {
                    out[o++] = (byte) (packed >>> (8 * (2 - k)));
                }
            }
            consumed += n;
            pos = 0;
            limit = o;
            return true;
        }
    }

    /** Any other character set, through its decoder (UTF-16 with or without a byte order mark, ...). */
    private static final class General extends Utf8Source {
        private final CharsetDecoder decoder;
        private final Charset charset;
        private final String handleId;
        private final URI path;
        private final ByteBuffer raw = ByteBuffer.allocate(BUFFER);
        private final CharBuffer chars = CharBuffer.allocate(BUFFER);
        /** Bytes of the file already moved out of {@link #raw}. */
        private long consumed;
        private boolean eof;
        private boolean flushed;
        /** A high surrogate whose low half is in the next buffer of characters. */
        private char pendingHigh;

        General(InputStream in, Charset charset, String handleId, URI path) {
            super(in, BUFFER * 3 + 4);
            this.charset = charset;
            this.handleId = handleId;
            this.path = path;
            this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            raw.flip();
        }

        @Override
        boolean fill() throws IOException {
            while (true) {
                if (flushed) {
                    return false;
                }
                chars.clear();
                if (!eof) {
                    long before = raw.position();
                    raw.compact();
                    consumed += before;
                    int n = in.read(raw.array(), raw.position(), raw.remaining());
                    if (n < 0) {
                        eof = true;
                    } else {
                        raw.position(raw.position() + n);
                    }
                    raw.flip();
                }
                CoderResult r = decoder.decode(raw, chars, eof);
                if (r.isError()) {
                    StringBuilder bytes = new StringBuilder();
                    for (int i = 0; i < r.length() && raw.position() + i < raw.limit(); i++) {
                        bytes.append(i == 0 ? "" : " ").append(String.format("0x%02X", raw.get(raw.position() + i)));
                    }
                    throw undefined(handleId, path, charset, consumed + raw.position(), bytes.toString());
                }
                if (eof && r.isUnderflow()) {
                    CoderResult f = decoder.flush(chars);
                    if (f.isError()) {
                        throw undefined(handleId, path, charset, consumed + raw.position(), "at the end");
                    }
                    flushed = true;
                }
                chars.flip();
                limit = encode();
                pos = 0;
                if (limit > 0) {
                    return true;
                }
            }
        }

        /** The characters as UTF-8 into {@link #out}; a high surrogate at the end waits for the next call. */
        private int encode() {
            int o = 0;
            while (chars.hasRemaining()) {
                char c = chars.get();
                if (pendingHigh != 0) {
                    int cp = Character.isLowSurrogate(c) ? Character.toCodePoint(pendingHigh, c) : 0xFFFD;
                    pendingHigh = 0;
                    o = put(cp, o);
                    if (!Character.isLowSurrogate(c)) {
                        chars.position(chars.position() - 1);
                    }
                } else if (Character.isHighSurrogate(c)) {
                    pendingHigh = c;
                } else {
                    o = put(c, o);
                }
            }
            if (flushed && pendingHigh != 0) {
                o = put(0xFFFD, o);
                pendingHigh = 0;
            }
            return o;
        }

        private int put(int cp, int o) {
            if (cp < 0x80) {
                out[o++] = (byte) cp;
            } else if (cp < 0x800) {
                out[o++] = (byte) (0xC0 | (cp >> 6));
                out[o++] = (byte) (0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                out[o++] = (byte) (0xE0 | (cp >> 12));
                out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[o++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                out[o++] = (byte) (0xF0 | (cp >> 18));
                out[o++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[o++] = (byte) (0x80 | (cp & 0x3F));
            }
            return o;
        }
    }

    /** UTF-8 bytes in, {@code charset} out; a character the set cannot hold is an error naming it. */
    private static final class Encoding extends OutputStream {
        private final Writer writer;
        private final CharsetDecoder utf8 = UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteBuffer pending = ByteBuffer.allocate(BUFFER);
        private final CharBuffer chars = CharBuffer.allocate(BUFFER);
        private final Charset charset;
        private final String handleId;
        private final URI path;

        Encoding(OutputStream out, Charset charset, String handleId, URI path) {
            this.writer = new OutputStreamWriter(out, charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
            this.charset = charset;
            this.handleId = handleId;
            this.path = path;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, pending.remaining());
                pending.put(b, off, n);
                off += n;
                len -= n;
                drain(false);
            }
        }

        private void drain(boolean end) throws IOException {
            pending.flip();
            while (true) {
                CoderResult r = utf8.decode(pending, chars, end);
                chars.flip();
                try {
                    writer.write(chars.array(), chars.position(), chars.remaining());
                } catch (CharacterCodingException e) {
                    throw new DataFormatException(handleId, path, -1, -1, -1, "a value holds a character that "
                            + charset.name() + " cannot write (option 'encoding'); choose an encoding that can,"
                            + " such as UTF-8", e);
                }
                chars.clear();
                if (r.isOverflow()) {
                    continue;
                }
                if (r.isError()) {
                    throw new IOException("invalid UTF-8 handed to the CSV writer");
                }
                break;
            }
            pending.compact();
        }

        @Override
        public void flush() throws IOException {
            writer.flush();
        }

        @Override
        public void close() throws IOException {
            drain(true);
            writer.close();
        }
    }
}
