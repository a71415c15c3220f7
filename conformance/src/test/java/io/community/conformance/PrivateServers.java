package io.community.conformance;

import io.community.common.testing.PrivateMariaDb;
import io.community.common.testing.RedisProcess;

/**
 * A private {@code mariadbd} and {@code redis-server} on ports of their own, for the fault-injection
 * suite: a test pauses, kills and restarts them by PID without touching the machine's shared
 * servers. MariaDB keeps its data directory across a restart (a crash, then recovery); Redis keeps
 * nothing (a restart is an empty cache, as with {@code --save '' --appendonly no} in production).
 */
final class PrivateServers implements Backing, AutoCloseable {
    private final PrivateMariaDb mariaDb;
    private final RedisProcess redis;

    private PrivateServers(PrivateMariaDb mariaDb, RedisProcess redis) {
        this.mariaDb = mariaDb;
        this.redis = redis;
    }

    static PrivateServers start() {
        PrivateMariaDb mariaDb = PrivateMariaDb.start();
        try {
            return new PrivateServers(mariaDb, RedisProcess.start());
        } catch (RuntimeException e) {
            mariaDb.close();
            throw e;
        }
    }

    PrivateMariaDb mariaDb() {
        return mariaDb;
    }

    RedisProcess redis() {
        return redis;
    }

    @Override
    public String freshDatabaseUrl(String name) {
        return mariaDb.url(name); // a new server: every database is fresh
    }

    @Override
    public String databaseUser() {
        return "root";
    }

    @Override
    public String databasePassword() {
        return "";
    }

    @Override
    public String redisUri() {
        return redis.uri();
    }

    @Override
    public void close() {
        redis.close();
        mariaDb.close();
    }
}
