package io.community.single.seed;

import io.community.creation.api.CollectUseCases;
import io.community.creation.api.CommentUseCases;
import io.community.creation.api.LikeUseCases;
import io.community.creation.api.PostUseCases;
import io.community.relation.api.RelationUseCases;
import io.community.user.api.UserUseCases;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;

import java.io.PrintStream;
import java.util.Map;

/**
 * {@code java -jar community-single.jar seed --users N [--seed S] [--password P]}: starts the
 * monolith's application context with its usual configuration (the same database, Redis and
 * settings as a served monolith, from the environment) but without the HTTP server, fills the
 * database through the use cases ({@link Seeder}) and exits.
 */
public final class SeedCommand {
    /** The environment only this command starts; {@link SeedMailbox} exists only in it. */
    public static final String ENVIRONMENT = "seed";

    static final String USAGE = "usage: seed --users N [--seed S] [--password P]";

    private SeedCommand() {}

    /** The options of one run. */
    public record Options(int users, long seed, String password) {
        public static Options parse(String[] args) {
            int users = -1;
            long seed = 42;
            String password = "seed-password";
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value; " + USAGE);
                }
                String value = args[++i];
                try {
                    switch (option) {
                        case "--users" -> users = Integer.parseInt(value);
                        case "--seed" -> seed = Long.parseLong(value);
                        case "--password" -> password = value;
                        default -> throw new IllegalArgumentException("unknown option " + option + "; " + USAGE);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(option + " must be a number, not '" + value + "'");
                }
            }
            if (users < 2) {
                throw new IllegalArgumentException("--users must be given and at least 2; " + USAGE);
            }
            if (password.length() < 8) {
                throw new IllegalArgumentException("--password must have at least 8 characters");
            }
            return new Options(users, seed, password);
        }
    }

    /** Runs the command; the exit status: 0 done, 2 bad arguments. Other failures propagate. */
    public static int run(String[] args, Map<String, Object> properties, PrintStream out) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return 2;
        }
        try (ApplicationContext context = ApplicationContext.builder(SeedCommand.class)
                .environments(ENVIRONMENT)
                .propertySources(PropertySource.of(
                        "seed-command",
                        Map.of(
                                // every seeded user signs up from one address: the per-address daily limit
                                // of codes protects a served instance from abuse, not a local batch
                                "community.user.code-max-sends-per-address-per-day", Integer.MAX_VALUE)))
                .properties(properties)
                .start()) {
            Seeder seeder = new Seeder(
                    context.getBean(UserUseCases.class),
                    context.getBean(RelationUseCases.class),
                    context.getBean(PostUseCases.class),
                    context.getBean(CommentUseCases.class),
                    context.getBean(LikeUseCases.class),
                    context.getBean(CollectUseCases.class),
                    context.getBean(SeedMailbox.class),
                    out);
            Seeder.Report report = seeder.seed(options.users(), options.seed(), options.password());
            out.println("seed: done, " + report);
            out.println("seed: users sign in as " + Seeder.email(options.seed(), report.run(), 0) + " … "
                    + Seeder.email(options.seed(), report.run(), options.users() - 1) + " with the password given");
            return 0;
        }
    }
}
