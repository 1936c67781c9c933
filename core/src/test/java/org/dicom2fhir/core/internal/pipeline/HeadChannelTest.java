package org.dicom2fhir.core.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.dicom2fhir.core.internal.source.ContentKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeadChannelTest {
    private static final int HEAD = HeadChannel.HEAD_BYTES;

    @TempDir
    Path dir;

    /** Files around the head's size read at seeded positions with seeded buffer sizes give the file's bytes. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 131, HEAD - 1, HEAD, HEAD + 1, 3 * HEAD + 7})
    void givesTheFilesBytesAtEveryPosition(int size) throws IOException {
        Random random = new Random(size);
        byte[] content = new byte[size];
        random.nextBytes(content);
        Path file = Files.write(dir.resolve("f" + size), content);
        try (FileChannel open = FileChannel.open(file); HeadChannel channel = HeadChannel.open(open, -1)) {
            assertThat(channel.size()).isEqualTo(size);
            assertThat(readFrom(channel, 0, 1 + random.nextInt(HEAD * 2))).isEqualTo(content);
            for (int i = 0; i < 200; i++) {
                int from = random.nextInt(size + 2);
                byte[] expected = from >= size ? new byte[0] : Arrays.copyOfRange(content, from, size);
                assertThat(readFrom(channel, from, 1 + random.nextInt(HEAD + 100))).as("from %d", from)
                        .isEqualTo(expected);
            }
            assertThat(channel.position(size + 10L).read(ByteBuffer.allocate(4))).as("past the end").isEqualTo(-1);
            assertThat(channel.read(ByteBuffer.allocate(0))).isZero();
        }
    }

    /**
     * The sniff from the head in memory tells what the whole file's bytes tell, for ZIP, JSON, Part 10 and other
     * content, whether the file ends before the sniff's bytes, at them or beyond, and with a stale size hint.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 2, 4, 131, 132, 200, ContentKind.HEAD_BYTES - 1, ContentKind.HEAD_BYTES, 5000})
    void knowsTheContentKindFromItsHead(int size) throws IOException {
        byte[][] starts = {"PK\3\4".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), "\uFEFF \n[".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), "  {".getBytes(java.nio.charset.StandardCharsets.US_ASCII), {1, 2}};
        for (int variant = 0; variant <= starts.length; variant++) {
            byte[] content = new byte[size];
            if (variant < starts.length) {
                System.arraycopy(starts[variant], 0, content, 0, Math.min(size, starts[variant].length));
            } else if (size >= 132) {
                System.arraycopy("DICM".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, content, 128, 4);
            }
            Path file = Files.write(dir.resolve("k" + size + "-" + variant), content);
            ContentKind expected = ContentKind.of(content, Math.min(size, ContentKind.HEAD_BYTES));
            for (long hint : new long[] {-1, size, size + 1L}) {
                try (FileChannel open = FileChannel.open(file); HeadChannel channel = HeadChannel.open(open, hint)) {
                    assertThat(channel.contentKind()).as("size %d, variant %d, hint %d", size, variant, hint)
                            .isEqualTo(expected);
                    assertThat(readFrom(channel, 0, 64)).as("the channel reads from the start after it").isEqualTo(content);
                }
            }
        }
    }

    /** The scan's size spares the read that finds the end; a stale one (the file changed since) changes nothing. */
    @ParameterizedTest
    @ValueSource(longs = {-1, 0, 300, 499, 500, 501, HEAD, 10 * HEAD})
    void theScansSizeIsOnlyAHint(long expectedSize) throws IOException {
        byte[] content = new byte[500];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("f"), content);
        try (FileChannel open = FileChannel.open(file); HeadChannel channel = HeadChannel.open(open, expectedSize)) {
            assertThat(channel.size()).isEqualTo(500);
            assertThat(readFrom(channel, 0, 64)).isEqualTo(content);
        }
    }

    @Test
    void closingItLeavesTheFileOpenAndRefusesFurtherReads() throws IOException {
        Path file = Files.write(dir.resolve("f"), new byte[100]);
        try (FileChannel open = FileChannel.open(file)) {
            HeadChannel channel = HeadChannel.open(open, -1);
            channel.close();
            assertThat(open.isOpen()).isTrue();
            assertThat(channel.isOpen()).isFalse();
            assertThatThrownBy(() -> channel.read(ByteBuffer.allocate(1))).isInstanceOf(ClosedChannelException.class);
            assertThatThrownBy(channel::size).isInstanceOf(ClosedChannelException.class);
        }
    }

    /** The thread's buffer is lent to one channel at a time: a second one open at once keeps its own bytes. */
    @Test
    void twoChannelsOpenOnOneThreadKeepTheirOwnHeads() throws IOException {
        byte[] a = new byte[500];
        byte[] b = new byte[700];
        Arrays.fill(a, (byte) 'a');
        Arrays.fill(b, (byte) 'b');
        Path fileA = Files.write(dir.resolve("a"), a);
        Path fileB = Files.write(dir.resolve("b"), b);
        try (FileChannel openA = FileChannel.open(fileA); FileChannel openB = FileChannel.open(fileB)) {
            try (HeadChannel first = HeadChannel.open(openA, -1); HeadChannel second = HeadChannel.open(openB, -1)) {
                assertThat(readFrom(second, 0, 64)).isEqualTo(b);
                assertThat(readFrom(first, 0, 64)).isEqualTo(a);
            }
            try (HeadChannel again = HeadChannel.open(openB, -1)) {
                assertThat(readFrom(again, 0, 1000)).as("the buffer given back is reused").isEqualTo(b);
            }
        }
    }

    /** Reads from {@code from} to the end in reads of at most {@code chunk} bytes. */
    private static byte[] readFrom(HeadChannel channel, long from, int chunk) throws IOException {
        channel.position(from);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(chunk);
        while (true) {
            buffer.clear();
            int n = channel.read(buffer);
            if (n < 0) {
                return out.toByteArray();
            }
            out.write(buffer.array(), 0, n);
        }
    }
}
