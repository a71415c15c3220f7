import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load over a fixed pool of keep-alive connections, the way wrk2 schedules it (wrk2 is not
 * packaged in Debian): java OpenLoad.java URL TOKEN RATE SECONDS [RECOVERY_RATE RECOVERY_SECONDS
 * [CONNECTIONS]]. Connection k of n sends request i when it is due, at start + (i*n + k) / rate,
 * and latency is measured from that due time, so a slow server cannot hide its queue by slowing the
 * load down (coordinated omission). A request whose due time falls in a phase that is over, because
 * its connection was still waiting for an answer, is counted as "unsent". Why not the JDK
 * HttpClient: it opens one connection per outstanding request, so under overload the generator's own
 * connection set-up and 10 s timeouts dominated what was measured.
 *
 * <p>Prints one line of key=value figures: sent, ok/s, p99 and p50 of answered 200s and p99 of 503s
 * (ms, from the due time), the same p99s from the moment each request was written (what the server
 * and the kernel added, without the generator's own lag), counts per status/code, and after the load the seconds until the last refusal while the
 * recovery rate ran (-1: none).
 */
public class OpenLoad {
    private static final int TIMEOUT_MS = 10_000;

    /** latencyNanos: from the due time (what a client waits); serviceNanos: from the moment it was sent. */
    record Sample(long dueNanos, long latencyNanos, long serviceNanos, int status) {
    }

    record Phase(long start, long end, double rate) {
    }

    /** One connection's schedule and results; only its own thread touches it. */
    static final class Lane implements Runnable {
        final int index;
        final int lanes;
        final String host;
        final int port;
        final byte[] request;
        final Phase[] phases;
        final List<List<Sample>> samples = new ArrayList<>();
        final Map<String, Long> kinds = new TreeMap<>();
        Socket socket;
        InputStream in;
        OutputStream out;

        Lane(int index, int lanes, String host, int port, byte[] request, Phase[] phases) {
            this.index = index;
            this.lanes = lanes;
            this.host = host;
            this.port = port;
            this.request = request;
            this.phases = phases;
            for (Phase ignored : phases) {
                samples.add(new ArrayList<>());
            }
        }

        @Override
        public void run() {
            for (int p = 0; p < phases.length; p++) {
                Phase phase = phases[p];
                long interval = (long) (1e9 * lanes / phase.rate());
                for (long due = phase.start() + (long) (1e9 * index / phase.rate()); due < phase.end(); due += interval) {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    } else if (System.nanoTime() >= phase.end()) {
                        count(p, "unsent");
                        continue;
                    }
                    long sent = System.nanoTime();
                    int status = exchange(p);
                    long answered = System.nanoTime();
                    samples.get(p).add(new Sample(due, answered - due, answered - sent, status));
                }
            }
            close();
        }

        private int exchange(int phase) {
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
                    socket.setSoTimeout(TIMEOUT_MS);
                    in = new BufferedInputStream(socket.getInputStream(), 16384);
                    out = socket.getOutputStream();
                }
                out.write(request);
                out.flush();
                return readResponse(phase);
            } catch (SocketTimeoutException e) {
                count(phase, "timeout");
            } catch (IOException e) {
                count(phase, e.getClass().getSimpleName());
            }
            close();
            return -1;
        }

        private int readResponse(int phase) throws IOException {
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            long length = -1;
            boolean chunked = false;
            boolean closing = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase();
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closing = true;
                }
            }
            // only a refusal's body is read as text (for its code): the generator shares the cores
            StringBuilder body = status == 200 ? null : new StringBuilder();
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                        size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    read(size, body);
                    line();
                }
                line();
            } else if (length >= 0) {
                read(length, body);
            } else {
                closing = true; // body up to the end of the connection: not expected from the servers here
            }
            count(phase, status + (status == 200 ? "" : "/" + code(body)));
            if (closing) {
                close();
            }
            return status;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed by the server");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        /** Reads {@code length} bytes of body, appended to {@code text} as UTF-8, or skipped when it is null. */
        private void read(long length, StringBuilder text) throws IOException {
            if (text == null) {
                in.skipNBytes(length); // EOFException when the server closed early
                return;
            }
            byte[] bytes = in.readNBytes((int) length);
            if (bytes.length < length) {
                throw new IOException("connection closed by the server");
            }
            text.append(new String(bytes, StandardCharsets.UTF_8));
        }

        private void count(int phase, String kind) {
            if (phase == 0) {
                kinds.merge(kind, 1L, Long::sum);
            }
        }

        private void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a broken connection: nothing to do
                }
                socket = null;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        String token = args[1];
        double rate = Double.parseDouble(args[2]);
        int seconds = Integer.parseInt(args[3]);
        double recoveryRate = args.length > 4 ? Double.parseDouble(args[4]) : 0;
        int recoverySeconds = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        int connections = args.length > 6 ? Integer.parseInt(args[6]) : 512;
        String host = uri.getHost();
        int port = uri.getPort();
        byte[] request = ("GET " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer " + token
                + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

        long start = System.nanoTime() + 200_000_000L; // every lane started before the first request is due
        long loadEnd = start + seconds * 1_000_000_000L;
        Phase[] phases = recoveryRate > 0
                ? new Phase[] {new Phase(start, loadEnd, rate),
                        new Phase(loadEnd, loadEnd + recoverySeconds * 1_000_000_000L, recoveryRate)}
                : new Phase[] {new Phase(start, loadEnd, rate)};
        List<Lane> lanes = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < connections; k++) {
            Lane lane = new Lane(k, connections, host, port, request, phases);
            lanes.add(lane);
            Thread thread = new Thread(lane, "lane-" + k);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(TIMEOUT_MS + (seconds + recoverySeconds) * 1000L + 5000L);
        }

        List<Long> ok = new ArrayList<>();
        List<Long> rejected = new ArrayList<>();
        List<Long> okService = new ArrayList<>();
        List<Long> rejectedService = new ArrayList<>();
        Map<String, Long> kinds = new TreeMap<>();
        long sent = 0;
        double lastRefusal = -1;
        long recoverySent = 0;
        for (Lane lane : lanes) {
            lane.kinds.forEach((kind, n) -> kinds.merge(kind, n, Long::sum));
            for (Sample s : lane.samples.get(0)) {
                sent++;
                if (s.status() == 200) {
                    ok.add(s.latencyNanos());
                    okService.add(s.serviceNanos());
                } else if (s.status() == 503) {
                    rejected.add(s.latencyNanos());
                    rejectedService.add(s.serviceNanos());
                }
            }
            if (phases.length > 1) {
                for (Sample s : lane.samples.get(1)) {
                    recoverySent++;
                    if (s.status() != 200) {
                        lastRefusal = Math.max(lastRefusal, (s.dueNanos() - loadEnd) / 1e9);
                    }
                }
            }
        }
        System.out.printf("sent=%d okPerSec=%.0f p99okMs=%.1f p50okMs=%.1f p99rejectMs=%.1f p99okSentMs=%.1f p99rejectSentMs=%.1f "
                        + "kinds=%s recoveryLastRefusalS=%.2f recoverySent=%d connections=%d%n",
                sent, ok.size() / (double) seconds, pct(ok, 0.99), pct(ok, 0.50), pct(rejected, 0.99),
                pct(okService, 0.99), pct(rejectedService, 0.99),
                kinds.toString().replace(" ", ""), lastRefusal, recoverySent, connections);
    }

    private static String code(CharSequence body) {
        String text = body.toString();
        int at = text.indexOf("\"code\":");
        if (at < 0) {
            return "?";
        }
        int end = at + 7;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return text.substring(at + 7, end);
    }

    private static double pct(List<Long> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
}
