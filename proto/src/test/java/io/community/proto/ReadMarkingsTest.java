package io.community.proto;

import io.community.proto.v1.CollectServiceGrpc;
import io.community.proto.v1.CommentServiceGrpc;
import io.community.proto.v1.LikeServiceGrpc;
import io.community.proto.v1.PostServiceGrpc;
import io.community.proto.v1.RelationServiceGrpc;
import io.community.proto.v1.UserServiceGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every RPC that changes state is NOT marked side-effect free, and every other one is: the gateway
 * retries exactly the marked ones, so a wrong mark either repeats a write or leaves a read unretried.
 */
class ReadMarkingsTest {
    /** The RPCs that change something (including counters, sessions and mail). */
    private static final Set<String> WRITES = Set.of(
            "SendEmailCode",
            "Register",
            "Login",
            "Logout",
            "Update",
            "Delete",
            "ChangePassword",
            "Follow",
            "Unfollow",
            "Create",
            "View",
            "Share",
            "Reply",
            "Like",
            "Unlike",
            "Collect",
            "Uncollect");

    @Test
    void readsAndOnlyReadsAreMarkedSafe() {
        List<ServiceDescriptor> services = List.of(
                UserServiceGrpc.getServiceDescriptor(),
                RelationServiceGrpc.getServiceDescriptor(),
                PostServiceGrpc.getServiceDescriptor(),
                CommentServiceGrpc.getServiceDescriptor(),
                LikeServiceGrpc.getServiceDescriptor(),
                CollectServiceGrpc.getServiceDescriptor());
        int safe = 0;
        for (ServiceDescriptor service : services) {
            for (MethodDescriptor<?, ?> method : service.getMethods()) {
                boolean write = WRITES.contains(method.getBareMethodName());
                assertThat(method.isSafe()).as(method.getFullMethodName()).isEqualTo(!write);
                safe += method.isSafe() ? 1 : 0;
            }
        }
        assertThat(safe).isEqualTo(4 + 5 + 6 + 5 + 2 + 1);
    }
}
