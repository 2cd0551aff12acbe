package dev.coderunner.limits;

import java.time.Clock;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Mounts the API limit after Spring Security's filters, and the upload limit after the access check. */
@Configuration(proxyBeanMethods = false)
class LimitsConfig implements WebMvcConfigurer {

    private final LimitsProperties limits;
    private final Clock clock;

    LimitsConfig(LimitsProperties limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    @Bean
    FilterRegistrationBean<ApiRateLimit> apiRateLimit() {
        FilterRegistrationBean<ApiRateLimit> registration = new FilterRegistrationBean<>(new ApiRateLimit(limits, clock));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(0);   // Spring Security's chain runs at -100: the caller is known here
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new UploadRateLimit(limits, clock)).addPathPatterns("/api/v1/apps/*/envs/*/deployments").order(10);
    }
}
