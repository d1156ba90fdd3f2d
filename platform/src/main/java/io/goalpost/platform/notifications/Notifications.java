package io.goalpost.platform.notifications;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.audit.AuditLog;
import io.goalpost.platform.goals.GoalService;
import io.goalpost.platform.http.OutboundPolicy;
import io.goalpost.platform.security.SecretCipher;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Goal alerts, wired: observers of goals and accounts, the evaluator, the dispatcher with its webhook
 * and email senders, the API's route modules and the scheduler task that runs them.
 */
public final class Notifications {

    private final AlertEvaluator evaluator;
    private final Dispatcher dispatcher;
    private final SmtpSettings smtp;
    private final Mailer mailer;
    private final ChannelStore channels;
    private final List<RouteModule> routes;
    private final RecurringTask<Void> task;

    /**
     * @param goals the goal service of the API ({@code GET /api/goals}): alerts judge the statuses people
     *     see, from the same cache
     * @param publicUrl the address people open Goalpost at, ending in {@code /}
     */
    public Notifications(Vertx vertx, Pool pool, GoalService goals, SecretCipher cipher, WebClient web,
            OutboundPolicy outbound, Supplier<String> publicUrl, AuditLog audit, Clock clock) {
        this.evaluator = new AlertEvaluator(pool, List.of(new GoalObserver(goals), new AccountObserver(pool)));
        this.smtp = new SmtpSettings(pool, cipher);
        this.mailer = new Mailer();
        this.channels = new ChannelStore(pool, cipher);
        WebhookSender webhooks = new WebhookSender(web, outbound);
        this.dispatcher = new Dispatcher(pool, channels, webhooks, smtp, mailer, publicUrl);
        this.routes = List.of(new NotificationRoutes(new NotificationStore(pool), pool, audit),
                new ChannelRoutes(vertx, channels, webhooks, dispatcher, audit), new SmtpRoutes(smtp, audit));
        this.task = NotificationTask.create(evaluator, dispatcher, clock);
    }

    /** The API's route modules. */
    public List<RouteModule> routes() {
        return routes;
    }

    /** The scheduler task that evaluates and delivers. */
    public RecurringTask<Void> task() {
        return task;
    }

    /** The evaluator (one round: {@link AlertEvaluator#evaluate}). */
    public AlertEvaluator evaluator() {
        return evaluator;
    }

    /** The dispatcher (one round: {@link Dispatcher#deliverDue}). */
    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /** The SMTP settings (also used by scheduled reports). */
    public SmtpSettings smtp() {
        return smtp;
    }

    /** The mailer. */
    public Mailer mailer() {
        return mailer;
    }

    /** The channels. */
    public ChannelStore channels() {
        return channels;
    }
}
