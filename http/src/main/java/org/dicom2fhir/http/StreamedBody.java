package org.dicom2fhir.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as an {@link InputStream} that gives up when the server stops sending. The JDK's
 * {@code BodyHandlers.ofInputStream()} blocks a reader for ever on a server that sent the headers and then
 * nothing; here each wait for the next bytes is bounded by the idle timeout. One chunk is requested at a time, so
 * a slow reader holds at most one chunk of the server's data in memory.
 */
final class StreamedBody implements HttpResponse.BodySubscriber<InputStream> {
    /** Marks the end of the body in the queue. */
    private static final Object END = new Object();

    private final Duration idleTimeout;
    private final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
    private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    private final Reader reader = new Reader();

    StreamedBody(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedStage(reader);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (!subscription.complete(s)) {
            s.cancel();
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        arrivals.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        arrivals.add(throwable);
    }

    @Override
    public void onComplete() {
        arrivals.add(END);
    }

    private void cancel() {
        subscription.thenAccept(Flow.Subscription::cancel);
    }

    private final class Reader extends InputStream {
        private final Deque<ByteBuffer> buffers = new ArrayDeque<>();
        private boolean ended;
        private boolean closed;

        @Override
        public int read() throws IOException {
            ByteBuffer current = current();
            return current == null ? -1 : current.get() & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            ByteBuffer current = current();
            if (current == null) {
                return -1;
            }
            int n = Math.min(len, current.remaining());
            current.get(b, off, n);
            return n;
        }

        /** The chunk with bytes left to read, waiting for the next one when needed; null at the end. */
        private ByteBuffer current() throws IOException {
            if (closed) {
                throw new IOException("the response body is closed");
            }
            while (buffers.isEmpty() || !buffers.peek().hasRemaining()) {
                if (!buffers.isEmpty()) {
                    buffers.poll();
                    continue;
                }
                if (ended) {
                    return null;
                }
                next();
            }
            return buffers.peek();
        }

        /** Waits (at most the idle timeout) for the next chunk, the end or the failure. */
        @SuppressWarnings("unchecked")
        private void next() throws IOException {
            Object arrived;
            try {
                arrived = arrivals.poll(idleTimeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel();
                throw new InterruptedIOException("interrupted while reading the response body");
            }
            if (arrived == null) {
                ended = true;
                cancel();
                throw new StalledBodyException(idleTimeout);
            }
            if (arrived == END) {
                ended = true;
            } else if (arrived instanceof Throwable failure) {
                ended = true;
                throw failure instanceof IOException io ? io : new IOException("the response body failed", failure);
            } else {
                for (ByteBuffer buffer : (List<ByteBuffer>) arrived) {
                    if (buffer.hasRemaining()) {
                        buffers.add(buffer);
                    }
                }
                subscription.thenAccept(s -> s.request(1));
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                if (!ended) {
                    cancel();
                }
            }
        }
    }
}
