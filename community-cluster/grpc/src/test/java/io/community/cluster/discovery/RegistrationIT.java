package io.community.cluster.discovery;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Registration against a real etcd: keys, leases, deregistration, and coming back after losses. */
class RegistrationIT {
    private final JsonMapper json = JsonMapper.createDefault();
    private EtcdProcess etcd;
    private EtcdProperties properties;
    private Client client;
    private Client observer;
    private ScheduledExecutorService scheduler;

    @BeforeEach
    void start() {
        etcd = EtcdProcess.start();
        properties = new EtcdProperties();
        properties.setEndpoints(List.of(etcd.endpoint()));
        properties.setLeaseTtl(Duration.ofSeconds(3));
        properties.setRequestTimeout(Duration.ofSeconds(2));
        properties.setMaxBackoff(Duration.ofSeconds(1));
        client = EtcdClients.open(properties);
        observer = EtcdClients.open(properties);
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        client.close();
        observer.close();
        etcd.close();
    }

    private EtcdRegistration registration(String instanceId, int port) {
        return new EtcdRegistration(
                EtcdClients.connection(properties),
                properties,
                json,
                scheduler,
                "relation",
                instanceId,
                new ServiceInstance("127.0.0.1", port, "1.2.3"));
    }

    private Optional<KeyValue> read(String key) throws Exception {
        List<KeyValue> kvs = observer.getKVClient()
                .get(ByteSequence.from(key, StandardCharsets.UTF_8))
                .get(5, TimeUnit.SECONDS)
                .getKvs();
        return kvs.stream().findFirst();
    }

    private List<KeyValue> all() throws Exception {
        return observer.getKVClient()
                .get(
                        ByteSequence.from("/community/services/", StandardCharsets.UTF_8),
                        GetOption.builder().isPrefix(true).build())
                .get(5, TimeUnit.SECONDS)
                .getKvs();
    }

    private boolean present(String key) {
        try {
            return read(key).isPresent();
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void anInstanceIsPublishedUnderItsKeyWithALeaseAndRemovedOnDeregistration() throws Exception {
        EtcdRegistration registration = registration("i-1", 28282);
        registration.start();
        Await.until(Duration.ofSeconds(5), registration::registered);

        assertThat(registration.key()).isEqualTo("/community/services/relation/i-1");
        KeyValue kv = read(registration.key()).orElseThrow();
        assertThat(json.readValue(kv.getValue().getBytes(), Map.class))
                .containsEntry("address", "127.0.0.1")
                .containsEntry("port", 28282)
                .containsEntry("version", "1.2.3");
        assertThat(kv.getLease()).isNotZero();
        long ttl = observer.getLeaseClient()
                .timeToLive(kv.getLease(), io.etcd.jetcd.options.LeaseOption.DEFAULT)
                .get(5, TimeUnit.SECONDS)
                .getGrantedTTL();
        assertThat(ttl).isEqualTo(3);

        // kept alive well past its TTL
        Thread.sleep(4500);
        assertThat(read(registration.key())).isPresent();

        registration.deregister();
        assertThat(read(registration.key())).isEmpty();
        assertThat(registration.registered()).isFalse();
    }

    @Test
    void twoInstancesHaveTwoKeys() throws Exception {
        EtcdRegistration a = registration("i-a", 1001);
        EtcdRegistration b = registration("i-b", 1002);
        a.start();
        b.start();
        Await.until(Duration.ofSeconds(5), () -> a.registered() && b.registered());
        assertThat(all())
                .extracting(kv -> kv.getKey().toString(StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("/community/services/relation/i-a", "/community/services/relation/i-b");
        a.deregister();
        assertThat(all()).hasSize(1);
        b.deregister();
    }

    @Test
    void aRevokedLeaseIsReplacedAndTheKeyComesBack() throws Exception {
        EtcdRegistration registration = registration("i-2", 1003);
        registration.start();
        Await.until(Duration.ofSeconds(5), registration::registered);
        long lease = read(registration.key()).orElseThrow().getLease();

        observer.getLeaseClient().revoke(lease).get(5, TimeUnit.SECONDS);
        assertThat(read(registration.key())).isEmpty();

        Await.until(Duration.ofSeconds(3 + 2), () -> present(registration.key()));
        assertThat(read(registration.key()).orElseThrow().getLease()).isNotEqualTo(lease);
        registration.deregister();
    }

    @Test
    void aDeletedKeyIsPutBackWhenTheLeaseIsLostAndEtcdOutagesAreSurvived() throws Exception {
        EtcdRegistration registration = registration("i-3", 1004);
        registration.start();
        Await.until(Duration.ofSeconds(5), registration::registered);

        etcd.stop();
        Thread.sleep(5000); // longer than the TTL
        etcd.resume();

        Await.until(Duration.ofSeconds(3 + 5), () -> present(registration.key()));
        // and it stays: the lease is being kept alive again
        Thread.sleep(4000);
        assertThat(read(registration.key())).isPresent();
        registration.deregister();
        assertThat(read(registration.key())).isEmpty();
    }

    @Test
    void startingWhileEtcdIsDownRegistersOnceItIsUp() throws Exception {
        etcd.stop();
        EtcdRegistration registration = registration("i-4", 1005);
        registration.start();
        // long enough for several failed attempts: the retries must go on, not stop after one
        Thread.sleep(8000);
        assertThat(registration.registered()).isFalse();
        etcd.resume();
        Await.until(Duration.ofSeconds(3 + 5), () -> present(registration.key()));
        registration.deregister();
    }
}
