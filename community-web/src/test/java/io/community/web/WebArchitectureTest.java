package io.community.web;

import io.community.common.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The project's conventions on the web adapter and what it sees (the contexts' api modules,
 * common, monitoring): checked here too, so a misnamed controller fails this module's own build.
 */
class WebArchitectureTest {

    @Test
    void theProjectsConventionsHold() {
        ArchitectureRules.checkAll(ArchitectureRules.productionClasses());
    }
}
