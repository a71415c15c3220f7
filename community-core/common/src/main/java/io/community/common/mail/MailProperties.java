package io.community.common.mail;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * {@code community.mail.*}. Defaults give the log sink, so a fresh checkout starts without a mail
 * server; production sets {@code sink: smtp} and {@code smtp.host}.
 */
@ConfigurationProperties("community.mail")
public class MailProperties {
    private MailSink sink = MailSink.LOG;
    private String from = "no-reply@community.local";
    private Smtp smtp = new Smtp();

    public MailSink getSink() {
        return sink;
    }

    public void setSink(MailSink sink) {
        this.sink = sink;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public Smtp getSmtp() {
        return smtp;
    }

    public void setSmtp(Smtp smtp) {
        this.smtp = smtp;
    }

    @Override
    public String toString() {
        return "MailProperties{sink=" + sink + ", from=" + from + ", smtp=" + smtp + "}";
    }

    /** Transport security towards the SMTP server ({@code community.mail.smtp.tls}). */
    public enum Tls {
        /** Plain SMTP, e.g. a relay on localhost. */
        NONE,
        /** Plain connect, then STARTTLS; refuses to continue if the server does not offer it. */
        STARTTLS,
        /** TLS from the first byte (SMTPS, usually port 465). */
        SSL
    }

    /** {@code community.mail.smtp.*}; only read when the sink is {@code smtp}. */
    @ConfigurationProperties("smtp")
    public static class Smtp {
        @Nullable
        private String host;

        private int port = 25;

        @Nullable
        private String username;

        @Nullable
        private String password;

        private Tls tls = Tls.NONE;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration timeout = Duration.ofSeconds(10);

        @Nullable
        public String getHost() {
            return host;
        }

        public void setHost(@Nullable String host) {
            this.host = host;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        @Nullable
        public String getUsername() {
            return username;
        }

        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        @Nullable
        public String getPassword() {
            return password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        public Tls getTls() {
            return tls;
        }

        public void setTls(Tls tls) {
            this.tls = tls;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        /** Read (and write) timeout once connected. */
        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        @Override
        public String toString() {
            // configuration gets logged and dumped; the password must never be part of it
            return "Smtp{host=" + host + ", port=" + port + ", username=" + username
                    + ", password=" + (password == null ? "unset" : "***") + ", tls=" + tls
                    + ", connectTimeout=" + connectTimeout + ", timeout=" + timeout + "}";
        }
    }
}
