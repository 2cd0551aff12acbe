package dev.coderunner.access;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the access check in front of every API handler. */
@Configuration(proxyBeanMethods = false)
class AccessConfig implements WebMvcConfigurer {

    private final AccessInterceptor interceptor;

    AccessConfig(AccessInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // Order 0 after the audit recorder (which must see denied requests too).
        registry.addInterceptor(interceptor).addPathPatterns("/api/**").order(0);
    }
}
