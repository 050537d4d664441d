package dev.switchboard.application.service.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.switchboard.application.port.in.tokens.RegisterClientUseCase.RegisterClientCommand;
import dev.switchboard.application.port.in.tokens.SubmitTokenUseCase.SubmitTokenCommand;
import dev.switchboard.application.port.out.tokens.TokenRepository;
import dev.switchboard.domain.tokens.ClientId;
import dev.switchboard.domain.tokens.HandlerRow;
import dev.switchboard.domain.tokens.ProcessingDelay;
import dev.switchboard.domain.tokens.Token;
import dev.switchboard.domain.tokens.TokenRegistry;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class TokenServiceTest {

    private static final ClientId C1 = new ClientId("c1", "127.0.0.1", 50312);
    private static final Token ABC = Token.of("abc");

    @Mock
    private TokenRepository repository;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final TokenRegistry registry = TokenRegistry.empty();
    private TokenService service;

    @BeforeEach
    void setUp() {
        service = new TokenService(registry, repository,
                new HandlerPool(scheduler, 2, ProcessingDelay.NONE, new SplittableRandom(1)));
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void submit_completesOnlyOnceTheRepositoryHasStoredIt() {
        CompletableFuture<Void> commit = new CompletableFuture<>();
        when(repository.saveAcceptance(C1, 3, ABC)).thenReturn(commit);
        service.register(new RegisterClientCommand(C1, 3));

        CompletableFuture<Long> answer = service.submit(new SubmitTokenCommand(C1, ABC)).toCompletableFuture();

        verify(repository, org.mockito.Mockito.timeout(5000)).saveAcceptance(C1, 3, ABC);
        assertThat(answer).isNotDone();
        assertThat(service.tables()).as("nothing shows before the commit").isEmpty();

        commit.complete(null);

        assertThat(answer.orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo(1);
        assertThat(service.table(ABC).orElseThrow().rows()).containsExactly(new HandlerRow(C1, 3, 1));
    }

    @Test
    void submit_whenStorageFails_failsAndLeavesTheTablesUnchanged() {
        when(repository.saveAcceptance(C1, 1, ABC))
                .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("disk full")));
        service.register(new RegisterClientCommand(C1, 1));

        CompletableFuture<Long> answer = service.submit(new SubmitTokenCommand(C1, ABC)).toCompletableFuture();

        assertThatThrownBy(() -> answer.orTimeout(5, TimeUnit.SECONDS).join()).hasRootCauseMessage("disk full");
        assertThat(service.tables()).isEmpty();
        assertThat(service.handlerCount()).isZero();
    }

    @Test
    void submit_fromAClientThatNeverGreeted_failsWithoutStoring() {
        CompletableFuture<Long> answer = service.submit(new SubmitTokenCommand(C1, ABC)).toCompletableFuture();

        assertThatThrownBy(answer::join).hasCauseInstanceOf(IllegalStateException.class);
        verify(repository, never()).saveAcceptance(any(), anyLong(), any());
    }
}
