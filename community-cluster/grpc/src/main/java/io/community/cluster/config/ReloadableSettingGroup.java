package io.community.cluster.config;

import java.util.List;

/** Several reloadable settings declared as one bean, e.g. all of one limiter's. */
public record ReloadableSettingGroup(List<ReloadableSetting<?>> settings) {
    public ReloadableSettingGroup {
        settings = List.copyOf(settings);
    }
}
