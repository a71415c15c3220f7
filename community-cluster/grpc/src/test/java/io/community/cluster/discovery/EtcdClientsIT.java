package io.community.cluster.discovery;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.auth.Permission;
import io.etcd.jetcd.options.GetOption;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The secured etcd an operator runs in production: credentials (authentication on, a user allowed
 * only the instance keys) and TLS with a private CA, against real etcd processes.
 */
class EtcdClientsIT {
    private static final String PREFIX = "/community/services/";
    private final JsonMapper json = JsonMapper.createDefault();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private EtcdProcess etcd;

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        if (etcd != null) {
            etcd.close();
        }
    }

    @Test
    void withAuthenticationOnTheCredentialsRegisterAndNoCredentialsAreRefused() throws Exception {
        etcd = EtcdProcess.start();
        EtcdProperties open = properties(etcd.endpoint());
        try (Client admin = EtcdClients.open(open)) {
            // root must exist for auth to be switched on; the cluster's own user may touch its prefix only
            var auth = admin.getAuthClient();
            auth.roleAdd(bytes("root")).get(5, TimeUnit.SECONDS);
            auth.userAdd(bytes("root"), bytes("root-secret")).get(5, TimeUnit.SECONDS);
            auth.userGrantRole(bytes("root"), bytes("root")).get(5, TimeUnit.SECONDS);
            auth.roleAdd(bytes("community")).get(5, TimeUnit.SECONDS);
            auth.roleGrantPermission(
                            bytes("community"), bytes(PREFIX), bytes("/community/services0"), Permission.Type.READWRITE)
                    .get(5, TimeUnit.SECONDS);
            auth.userAdd(bytes("community"), bytes("s3cret-pass")).get(5, TimeUnit.SECONDS);
            auth.userGrantRole(bytes("community"), bytes("community")).get(5, TimeUnit.SECONDS);
            auth.authEnable().get(5, TimeUnit.SECONDS);
        }

        EtcdProperties credentials = properties(etcd.endpoint());
        credentials.setUsername("community");
        credentials.setPassword("s3cret-pass");
        assertThat(credentials.toString()).doesNotContain("s3cret-pass");
        EtcdProperties root = properties(etcd.endpoint());
        root.setUsername("root");
        root.setPassword("root-secret");

        onlyTheFirstRegisters(credentials, open, root);
    }

    @Test
    void tlsWithThePrivateCaConnectsAndWithoutItDoesNot(@TempDir Path dir) throws Exception {
        Path ca = dir.resolve("ca.pem");
        Path cert = dir.resolve("server.pem");
        Path key = dir.resolve("server.key");
        openssl(
                dir,
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "1",
                "-subj",
                "/CN=community-test-ca");
        openssl(
                dir,
                "req",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                "server.key",
                "-out",
                "server.csr",
                "-subj",
                "/CN=127.0.0.1");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        openssl(
                dir,
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                "server.pem",
                "-days",
                "1",
                "-extfile",
                "san.ext");
        etcd = EtcdProcess.start("https", List.of("--cert-file", cert.toString(), "--key-file", key.toString()));
        assertThat(etcd.endpoint()).startsWith("https://");

        EtcdProperties trusted = properties(etcd.endpoint());
        trusted.setCaFile(ca.toString());
        EtcdProperties untrusted = properties(etcd.endpoint()); // the JVM's default trust store
        onlyTheFirstRegisters(trusted, untrusted, trusted);
    }

    @Test
    void aMissingCaFileFailsAtOnceWithTheSettingsName() {
        EtcdProperties properties = properties("https://127.0.0.1:2379");
        properties.setCaFile("/nonexistent/ca.pem");
        assertThatThrownBy(() -> EtcdClients.open(properties))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("community.etcd.ca-file");
    }

    /** Both register at once; only {@code accepted}'s key appears, and {@code refused} keeps failing. */
    private void onlyTheFirstRegisters(EtcdProperties accepted, EtcdProperties refused, EtcdProperties observe)
            throws Exception {
        try (EtcdRegistration no = registration(refused, "refused");
                EtcdRegistration yes = registration(accepted, "accepted");
                Client observer = EtcdClients.open(observe)) {
            no.start();
            yes.start();
            Await.until(Duration.ofSeconds(10), yes::registered);
            assertThat(keys(observer)).containsExactly(PREFIX + "relation/accepted");
            Thread.sleep(1500); // further attempts of the refused one
            assertThat(no.registered()).isFalse();
            assertThat(keys(observer)).containsExactly(PREFIX + "relation/accepted");
        }
    }

    private EtcdProperties properties(String endpoint) {
        EtcdProperties properties = new EtcdProperties();
        properties.setEndpoints(List.of(endpoint));
        properties.setRequestTimeout(Duration.ofSeconds(2));
        properties.setMaxBackoff(Duration.ofMillis(500));
        return properties;
    }

    private EtcdRegistration registration(EtcdProperties properties, String instanceId) {
        return new EtcdRegistration(
                EtcdClients.connection(properties),
                properties,
                json,
                scheduler,
                "relation",
                instanceId,
                new ServiceInstance("127.0.0.1", 28282, "test"));
    }

    private static List<String> keys(Client client) throws Exception {
        return client
                .getKVClient()
                .get(bytes(PREFIX), GetOption.builder().isPrefix(true).build())
                .get(5, TimeUnit.SECONDS)
                .getKvs()
                .stream()
                .map(KeyValue::getKey)
                .map(k -> k.toString(StandardCharsets.UTF_8))
                .toList();
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as("openssl %s: %s", String.join(" ", args), output)
                .isZero();
    }
}
