package io.community.web.auth;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

/** Lets controller methods declare an {@link Actor} parameter, filled from what {@link AuthFilter} verified. */
@Singleton
public class ActorBinder implements TypedRequestArgumentBinder<Actor> {

    @Override
    public Argument<Actor> argumentType() {
        return Argument.of(Actor.class);
    }

    @Override
    public BindingResult<Actor> bind(ArgumentConversionContext<Actor> context, HttpRequest<?> source) {
        Actor actor = source.getAttribute(AuthFilter.ACTOR, Actor.class)
                // a route outside the filter's reach asked for a caller: a wiring mistake, never "anonymous"
                .orElseThrow(() -> new DomainException(ErrorReason.NOT_LOGGED_IN));
        return () -> java.util.Optional.of(actor);
    }
}
