import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load (a request every 1/rate seconds whatever the server does, latency measured from the
 * moment the request was due, so a slow server cannot slow the load down): java OpenLoad.java URL TOKEN
 * RATE SECONDS [RECOVERY_RATE RECOVERY_SECONDS]. Prints one line of key=value figures: sent, ok/s, p99
 * of answered 200s and of 503s (ms), counts per status, and after the load the seconds until the last
 * refusal while the recovery rate ran (-1: none).
 */
public class OpenLoad {
    record Sample(long dueNanos, long latencyNanos, int status) {
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        String token = args[1];
        double rate = Double.parseDouble(args[2]);
        int seconds = Integer.parseInt(args[3]);
        double recoveryRate = args.length > 4 ? Double.parseDouble(args[4]) : 0;
        int recoverySeconds = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).GET().build();
        ConcurrentLinkedQueue<Sample> load = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Sample> recovery = new ConcurrentLinkedQueue<>();
        Map<String, AtomicLong> kinds = new ConcurrentHashMap<>();
        AtomicLong pending = new AtomicLong();
        long start = System.nanoTime();
        run(client, request, rate, seconds, start, load, kinds, pending);
        long recoveryStart = start + seconds * 1_000_000_000L;
        if (recoveryRate > 0) {
            run(client, request, recoveryRate, recoverySeconds, recoveryStart, recovery, new ConcurrentHashMap<>(), pending);
        }
        long drain = System.nanoTime() + 15_000_000_000L;
        while (pending.get() > 0 && System.nanoTime() < drain) {
            Thread.sleep(50);
        }
        List<Long> ok = new ArrayList<>();
        
        for (Sample s : load) {
            if (s.status() == 200) {
                ok.add(s.latencyNanos());
            }
        }
        List<Long> rejected = new ArrayList<>();
        for (Sample s : load) {
            if (s.status() == 503) {
                rejected.add(s.latencyNanos());
            }
        }
        double lastRefusal = -1;
        for (Sample s : recovery) {
            if (s.status() != 200) {
                lastRefusal = Math.max(lastRefusal, (s.dueNanos() - recoveryStart) / 1e9);
            }
        }
        System.out.printf("sent=%d okPerSec=%.0f p99okMs=%.1f p50okMs=%.1f p99rejectMs=%.1f kinds=%s recoveryLastRefusalS=%.2f recoverySent=%d%n",
                load.size(), ok.size() / (double) seconds, pct(ok, 0.99), pct(ok, 0.50), pct(rejected, 0.99),
                new java.util.TreeMap<>(kinds).toString().replace(" ", ""), lastRefusal, recovery.size());
    }

    private static void run(HttpClient client, HttpRequest request, double rate, int seconds, long start,
                            ConcurrentLinkedQueue<Sample> out, Map<String, AtomicLong> kinds, AtomicLong pending) {
        long interval = (long) (1_000_000_000L / rate);
        long total = (long) (rate * seconds);
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            pending.incrementAndGet();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                long latency = System.nanoTime() - due;
                int status = failure != null ? -1 : response.statusCode();
                String kind = failure != null ? failure.getClass().getSimpleName()
                        : status + (status == 200 ? "" : "/" + code(response.body()));
                kinds.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                out.add(new Sample(due, latency, status));
                pending.decrementAndGet();
            });
        }
    }

    private static String code(String body) {
        int at = body.indexOf("\"code\":");
        if (at < 0) {
            return "?";
        }
        int end = at + 7;
        while (end < body.length() && Character.isDigit(body.charAt(end))) {
            end++;
        }
        return body.substring(at + 7, end);
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
