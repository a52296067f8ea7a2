package org.connectorhub.postmark;

import static org.assertj.core.api.Assertions.assertThat;

import feign.Headers;
import feign.Param;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shared clients carry no token: every call must bring its own. A method without the token
 * parameter would send no token header at all, and Postmark's 401 would then look like a revoked
 * credential.
 */
class PostmarkApisTest {
    @Test
    void every_api_method_takes_the_token_that_its_header_expands() {
        for (Class<?> api : List.of(PostmarkServerApi.class, PostmarkAccountApi.class)) {
            assertThat(api.getAnnotation(Headers.class).value()).as(api.getSimpleName())
                    .containsExactly(tokenHeader(api) + ": {token}");
            for (Method method : api.getDeclaredMethods()) {
                assertThat(method.getParameterCount()).as(method.toString()).isPositive();
                assertThat(method.getParameterTypes()[0]).as(method.toString()).isEqualTo(String.class);
                assertThat(method.getParameters()[0].getAnnotation(Param.class)).as(method.toString())
                        .isNotNull().extracting(Param::value).isEqualTo("token");
            }
        }
    }

    private static String tokenHeader(Class<?> api) {
        return api == PostmarkServerApi.class ? PostmarkServerApi.TOKEN_HEADER : PostmarkAccountApi.TOKEN_HEADER;
    }
}
