package io.community.cluster.discovery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for processes a test starts later. They come from below Linux's ephemeral range (32768 and
 * up): a port the kernel handed out with {@code new ServerSocket(0)} is an ephemeral one, and any
 * outgoing connection of any process may take it between the test choosing it and the child
 * binding it (seen in CI: "Address already in use"). Each port is given out once per JVM.
 */
public final class FreePorts {
    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private FreePorts() {}

    public static int next() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            if (GIVEN.add(port) && bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in [" + LOW + ", " + HIGH + ")");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port)); // the wildcard address: free on every interface
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
