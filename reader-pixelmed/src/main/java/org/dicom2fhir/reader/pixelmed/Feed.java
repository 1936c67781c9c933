package org.dicom2fhir.reader.pixelmed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Where the bytes come from, read forward only: a file, an array, a caller's stream, an inflater. */
interface Feed {
    /** Marks a length that is not known before the end is reached. */
    long UNKNOWN = -1;

    /** Like {@link InputStream#read(byte[], int, int)}: -1 at the end. */
    int read(byte[] b, int off, int len) throws IOException;

    /** Skips up to {@code n} bytes; returns how many were skipped (fewer only at the end). */
    long skip(long n) throws IOException;

    /** The position where the input ends, or {@link #UNKNOWN}. */
    long length();

    /** A file: its length is known, so a value running past its end is found without reading it. */
    final class OfChannel implements Feed {
        private final FileChannel channel;
        private final long length;

        OfChannel(FileChannel channel) throws IOException {
            this.channel = channel;
            this.length = channel.size();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public long skip(long n) throws IOException {
            long at = channel.position();
            long to = Math.min(length, at + n);
            channel.position(to);
            return to - at;
        }

        @Override
        public long length() {
            return length;
        }
    }

    /** Bytes in memory. */
    final class OfArray implements Feed {
        private final byte[] bytes;
        private int pos;

        OfArray(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= bytes.length) {
                return -1;
            }
            int n = Math.min(len, bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public long skip(long n) {
            int k = (int) Math.min(n, bytes.length - pos);
            pos += k;
            return k;
        }

        @Override
        public long length() {
            return bytes.length;
        }
    }

    /** A caller's stream: its length shows only at its end; it is never closed here. */
    final class OfStream implements Feed {
        private final InputStream in;
        private byte[] scratch;

        OfStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public long skip(long n) throws IOException {
            long done = 0;
            while (done < n) {
                long k = in.skip(n - done);
                if (k > 0) {
                    done += k;
                    continue;
                }
                // skip may give up without being at the end: read to tell
                if (scratch == null) {
                    scratch = new byte[8192];
                }
                int r = in.read(scratch, 0, (int) Math.min(scratch.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }

        @Override
        public long length() {
            return UNKNOWN;
        }
    }
}
