package io.community.web.testing;

import io.community.creation.api.CollectUseCases;
import io.community.creation.api.CommentUseCases;
import io.community.creation.api.LikeUseCases;
import io.community.relation.api.RelationUseCases;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The ports without a hand-written fake, as recording fakes ({@link Calls}). */
@Factory
public class FakePorts {

    @Singleton
    RelationUseCases relations(Calls calls) {
        return calls.fake(RelationUseCases.class);
    }

    @Singleton
    CommentUseCases comments(Calls calls) {
        return calls.fake(CommentUseCases.class);
    }

    @Singleton
    LikeUseCases likes(Calls calls) {
        return calls.fake(LikeUseCases.class);
    }

    @Singleton
    CollectUseCases collects(Calls calls) {
        return calls.fake(CollectUseCases.class);
    }
}
