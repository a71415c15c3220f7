package io.community.cluster.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay to a target port that a test can cut and restore, to take one client's
 * connection to etcd away while etcd itself stays up (and keeps changing).
 */
final class TcpProxy implements AutoCloseable {
    private final int targetPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        // restore() binds the same port again, so it must not be an ephemeral one (FreePorts)
        this.port = FreePorts.next();
        restore();
    }

    int port() {
        return port;
    }

    /** Closes every relayed connection and refuses new ones. */
    synchronized void cut() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
    }

    /** Accepts again, on the same port. */
    synchronized void restore() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listen(s);
    }

    private void listen(ServerSocket s) {
        server = s;
        Thread acceptor = new Thread(
                () -> {
                    while (!s.isClosed()) {
                        try {
                            Socket client = s.accept();
                            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                            open.add(client);
                            open.add(upstream);
                            pipe(client, upstream);
                            pipe(upstream, client);
                        } catch (IOException closed) {
                            return;
                        }
                    }
                },
                "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void pipe(Socket from, Socket to) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[16384];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException ignored) {
                        // one side closed
                    } finally {
                        try {
                            to.close();
                            from.close();
                        } catch (IOException ignored) {
                            // closing anyway
                        }
                    }
                },
                "proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
