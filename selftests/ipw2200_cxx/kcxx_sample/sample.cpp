// SPDX-License-Identifier: GPL-2.0
// kcxx_sample: one object with the shapes a driver has: data under an
// irq-safe lock, a mutex-owned configuration with a condition variable, a
// status word, a work item and a timer bound to methods, a revocable
// resource and a shared reference-counted record.
#include <kcxx/arc.h>
#include <kcxx/atomic.h>
#include <kcxx/device.h>
#include <kcxx/new.h>
#include <kcxx/rcu.h>
#include <kcxx/result.h>
#include <kcxx/sync.h>
#include <kcxx/wait.h>
#include <kcxx/work.h>

namespace {

enum class Status : unsigned int { running, stopping };

struct Record {
	kcxx::u32 id;
	explicit Record(kcxx::u32 i) : id(i) {}
};

class Sample {
public:
	kcxx::Status start(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		auto rec = kcxx::Arc<Record>::make(kcxx::Gfp::kernel(ctx), 7u);
		if (!rec)
			return kcxx::Err(rec.error());
		{
			auto g = config_.lock(ctx);
			g->ticks_wanted = 3;
		}
		res_.emplace(rec.value());
		status_.set(Status::running);
		tick_.arm(kcxx::Timeout::ms(1));
		return kcxx::Status::ok();
	}

	void stop(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		status_.set(Status::stopping);
		tick_.shutdown_sync(ctx);
		work_.cancel_sync(ctx);
		res_.revoke(ctx);
		auto g = counters_.lock(ctx);
		kcxx::log::info("kcxx_sample: %u ticks\n", g->ticks);
	}

private:
	struct Counters {
		kcxx::u32 ticks = 0;
	};
	struct Config {
		kcxx::u32 ticks_wanted = 0;
	};

	void on_tick(kcxx::AtomicContext &actx)
	{
		kcxx::u32 n;
		{
			auto g = counters_.lock(actx);
			n = ++g->ticks;
		}
		if (auto r = res_.try_access(actx))
			(void)(*r)->id;
		if (n < 3 && !status_.test(Status::stopping))
			tick_.arm(kcxx::Timeout::ms(1));
		else
			work_.queue();
	}

	void on_work(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		auto g = config_.lock(ctx);
		g->ticks_wanted = 0;
		cv_.notify_all();
	}

	kcxx::IrqSpinLock<Counters> counters_{KCXX_LOCK_CLASS("kcxx_sample:counters")};
	kcxx::Mutex<Config> config_{KCXX_LOCK_CLASS("kcxx_sample:config")};
	kcxx::CondVar cv_{KCXX_LOCK_CLASS("kcxx_sample:config_cv")};
	kcxx::AtomicBits<Status> status_;
	kcxx::Revocable<kcxx::Arc<Record>> res_;
	kcxx::Timer tick_{KCXX_LOCK_CLASS("kcxx_sample:tick"), kcxx::bind<&Sample::on_tick>(this)};
	kcxx::Work work_{KCXX_LOCK_CLASS("kcxx_sample:work"), kcxx::bind<&Sample::on_work>(this)};
};

constinit Sample *sample = nullptr;

} // namespace

extern "C" int kcxx_sample_start(void);
extern "C" void kcxx_sample_stop(void);

extern "C" int kcxx_sample_start(void)
{
	return kcxx::with_sleepable([](kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx) -> int {
		kcxx::Box<Sample> s(new (kcxx::Gfp::kernel(ctx)) Sample);
		if (!s)
			return -12; /* ENOMEM */
		auto r = s->start(ctx);
		if (!r)
			return r.error();
		sample = s.release();
		return 0;
	});
}

extern "C" void kcxx_sample_stop(void)
{
	kcxx::with_sleepable([](kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx) {
		sample->stop(ctx);
		delete sample;
		sample = nullptr;
	});
}
