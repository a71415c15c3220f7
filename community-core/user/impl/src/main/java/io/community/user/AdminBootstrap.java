package io.community.user;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;

/** Applies {@code community.user.admin-emails} to users who already exist when the process starts. */
@Singleton
public class AdminBootstrap implements ApplicationEventListener<StartupEvent> {
    private final UserService users;

    public AdminBootstrap(UserService users) {
        this.users = users;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        users.promoteConfiguredAdmins();
    }
}
