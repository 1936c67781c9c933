package org.dicom2fhir.codec.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;

/** Random-access feeds: skipping costs nothing and the length is known up front. */
public abstract class PositionedFeed implements Feed {
    protected long length;

    protected PositionedFeed(long length) {
        this.length = length;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public boolean reaches(long pos) {
        return pos <= length;
    }

    /**
     * A channel read with positioned reads (a file channel's need no seek); a file that shrinks while read simply
     * ends earlier. One reading thread at a time: another channel's position is moved for every read.
     */
    public static final class OfChannel extends PositionedFeed {
        private final SeekableByteChannel channel;
        private final FileChannel file;

        public OfChannel(SeekableByteChannel channel) throws IOException {
            super(channel.size());
            this.channel = channel;
            this.file = channel instanceof FileChannel f ? f : null;
        }

        @Override
        public int read(long pos, byte[] dst, int off, int len) throws IOException {
            if (pos >= length) {
                return -1;
            }
            ByteBuffer target = ByteBuffer.wrap(dst, off, (int) Math.min(len, length - pos));
            int total = 0;
            while (target.hasRemaining()) {
                int r = read(target, pos + total);
                if (r < 0) {
                    length = pos + total; // shrank under us
                    break;
                }
                total += r;
            }
            return total == 0 && target.hasRemaining() ? -1 : total;
        }

        private int read(ByteBuffer target, long pos) throws IOException {
            if (file != null) {
                return file.read(target, pos);
            }
            channel.position(pos);
            return channel.read(target);
        }
    }

    /** Bytes already in memory. */
    public static final class OfArray extends PositionedFeed {
        private final byte[] bytes;

        public OfArray(byte[] bytes) {
            super(bytes.length);
            this.bytes = bytes;
        }

        @Override
        public int read(long pos, byte[] dst, int off, int len) {
            if (pos >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - pos);
            System.arraycopy(bytes, (int) pos, dst, off, n);
            return n;
        }
    }
}
