package io.community.proto;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Empty;
import io.community.common.identity.Actor;
import io.community.common.paging.PageRequest;
import io.community.creation.api.Collect;
import io.community.creation.api.CollectUseCases;
import io.community.creation.api.Comment;
import io.community.creation.api.CommentUseCases;
import io.community.creation.api.Like;
import io.community.creation.api.LikeUseCases;
import io.community.creation.api.Post;
import io.community.creation.api.PostDraft;
import io.community.creation.api.PostUseCases;
import io.community.proto.v1.ActorMessage;
import io.community.proto.v1.CollectMessage;
import io.community.proto.v1.CollectServiceGrpc;
import io.community.proto.v1.CommentMessage;
import io.community.proto.v1.CommentServiceGrpc;
import io.community.proto.v1.LikeMessage;
import io.community.proto.v1.LikeServiceGrpc;
import io.community.proto.v1.LoginResultMessage;
import io.community.proto.v1.PageRequestMessage;
import io.community.proto.v1.PostDraftMessage;
import io.community.proto.v1.PostMessage;
import io.community.proto.v1.PostServiceGrpc;
import io.community.proto.v1.ProfileChangesMessage;
import io.community.proto.v1.RelationCountMessage;
import io.community.proto.v1.RelationServiceGrpc;
import io.community.proto.v1.UserMessage;
import io.community.proto.v1.UserQueryMessage;
import io.community.proto.v1.UserServiceGrpc;
import io.community.proto.v1.UserSummaryMessage;
import io.community.relation.api.RelationCount;
import io.community.relation.api.RelationUseCases;
import io.community.user.api.LoginResult;
import io.community.user.api.ProfileChanges;
import io.community.user.api.User;
import io.community.user.api.UserQuery;
import io.community.user.api.UserSummary;
import io.community.user.api.UserUseCases;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the contract complete as the ports grow: a new use case without an RPC, a new parameter
 * without a request field, or a new record component without a message field fails here.
 */
class ContractCoverageTest {

    static Stream<Arguments> services() {
        return Stream.of(
                Arguments.of(UserUseCases.class, UserServiceGrpc.getServiceDescriptor()),
                Arguments.of(RelationUseCases.class, RelationServiceGrpc.getServiceDescriptor()),
                Arguments.of(PostUseCases.class, PostServiceGrpc.getServiceDescriptor()),
                Arguments.of(CommentUseCases.class, CommentServiceGrpc.getServiceDescriptor()),
                Arguments.of(LikeUseCases.class, LikeServiceGrpc.getServiceDescriptor()),
                Arguments.of(CollectUseCases.class, CollectServiceGrpc.getServiceDescriptor()));
    }

    private static List<Method> useCases(Class<?> port) {
        return Arrays.stream(port.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic())
                .toList();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void everyUseCaseHasAnRpcOfItsNameAndNoRpcIsStray(Class<?> port, io.grpc.ServiceDescriptor service) {
        List<String> methods =
                useCases(port).stream().map(m -> key(m.getName())).toList();
        List<String> rpcs = service.getMethods().stream()
                .map(m -> key(m.getBareMethodName()))
                .toList();
        assertThat(methods)
                .as("one RPC per use case: no overloads in %s", port.getSimpleName())
                .doesNotHaveDuplicates();
        assertThat(rpcs)
                .as("RPCs of %s for the methods of %s", service.getName(), port.getSimpleName())
                .containsExactlyInAnyOrderElementsOf(methods);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void everyParameterButTheActorHasARequestFieldAndVoidAnswersEmpty(
            Class<?> port, io.grpc.ServiceDescriptor service) {
        ServiceDescriptor proto =
                ((ProtoServiceDescriptorSupplier) service.getSchemaDescriptor()).getServiceDescriptor();
        Map<String, MethodDescriptor> rpcs =
                proto.getMethods().stream().collect(Collectors.toMap(m -> key(m.getName()), Function.identity()));
        for (Method method : useCases(port)) {
            MethodDescriptor rpc = rpcs.get(key(method.getName()));
            assertThat(rpc)
                    .as("RPC for %s.%s", port.getSimpleName(), method.getName())
                    .isNotNull();
            long parameters = Arrays.stream(method.getParameterTypes())
                    .filter(t -> t != Actor.class)
                    .count();
            assertThat(rpc.getInputType().getFields())
                    .as(
                            "%s fields: the parameters of %s.%s but the actor (it travels in the metadata)",
                            rpc.getInputType().getName(), port.getSimpleName(), method.getName())
                    .hasSize((int) parameters);
            assertThat(rpc.getInputType().getFields())
                    .extracting(FieldDescriptor::getName)
                    .as("the caller is never a request field")
                    .doesNotContain("actor", "user", "caller");
            boolean returnsEmpty = rpc.getOutputType()
                    .getFullName()
                    .equals(Empty.getDescriptor().getFullName());
            assertThat(returnsEmpty)
                    .as(
                            "%s.%s returns void exactly when %s returns Empty",
                            port.getSimpleName(), method.getName(), rpc.getName())
                    .isEqualTo(method.getReturnType() == void.class);
        }
    }

    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of(User.class, UserMessage.getDescriptor()),
                Arguments.of(UserSummary.class, UserSummaryMessage.getDescriptor()),
                Arguments.of(LoginResult.class, LoginResultMessage.getDescriptor()),
                Arguments.of(ProfileChanges.class, ProfileChangesMessage.getDescriptor()),
                Arguments.of(UserQuery.class, UserQueryMessage.getDescriptor()),
                Arguments.of(UserQuery.Column.class, UserQueryMessage.Column.getDescriptor()),
                Arguments.of(RelationCount.class, RelationCountMessage.getDescriptor()),
                Arguments.of(Post.class, PostMessage.getDescriptor()),
                Arguments.of(PostDraft.class, PostDraftMessage.getDescriptor()),
                Arguments.of(Comment.class, CommentMessage.getDescriptor()),
                Arguments.of(Like.class, LikeMessage.getDescriptor()),
                Arguments.of(Collect.class, CollectMessage.getDescriptor()),
                Arguments.of(Actor.class, ActorMessage.getDescriptor()),
                Arguments.of(PageRequest.class, PageRequestMessage.getDescriptor()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void everyRecordComponentHasAMessageFieldOfItsName(Class<? extends Record> record, Descriptor message) {
        List<String> components = Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getName)
                .toList();
        // times carry their unit in the field name: created_at_micros is createdAt
        List<String> fields = message.getFields().stream()
                .map(f -> f.getJsonName().replaceFirst("Micros$", ""))
                .toList();
        assertThat(fields)
                .as("%s fields for %s", message.getName(), record.getSimpleName())
                .containsExactlyElementsOf(components);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void everyNullableComponentIsAnOptionalField(Class<? extends Record> record, Descriptor message) {
        for (String component : nullableComponents(record)) {
            FieldDescriptor field = message.getFields().stream()
                    .filter(f -> f.getJsonName().replaceFirst("Micros$", "").equals(component))
                    .findFirst()
                    .orElseThrow();
            assertThat(field.hasPresence())
                    .as(
                            "%s.%s is @Nullable, so %s must be optional",
                            record.getSimpleName(), component, field.getFullName())
                    .isTrue();
        }
    }

    @Test
    void nullableComponentsAreDetected() {
        // guards the test above against passing vacuously
        assertThat(nullableComponents(User.class)).containsExactly("loginAt");
        // every draft field may be missing on the wire; the service rejects a missing title (400)
        assertThat(nullableComponents(PostDraft.class))
                .hasSize(10)
                .contains("title")
                .doesNotContain("picKeys");
    }

    /**
     * Micronaut's {@code @Nullable} does not target record components, so it lands on the
     * accessor (METHOD) and on the component's type (TYPE_USE); look at both.
     */
    private static List<String> nullableComponents(Class<? extends Record> record) {
        return Arrays.stream(record.getRecordComponents())
                .filter(c -> Stream.concat(
                                Arrays.stream(c.getAccessor().getAnnotations()),
                                Arrays.stream(c.getAnnotatedType().getAnnotations()))
                        .anyMatch(a -> a.annotationType().getSimpleName().equals("Nullable")))
                .map(RecordComponent::getName)
                .toList();
    }
}
