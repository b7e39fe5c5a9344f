#pragma once

#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "http/observer.hpp"
#include "http/options.hpp"

namespace gator::http::testing {

// Keeps every event, plus a text rendering of each (for "never shows the password" checks);
// optional hooks let a test act between attempts.
class RecordingObserver : public Observer {
 public:
  void on_started(const TransferStarted& event) override {
    started.push_back(event);
    text << "started " << event.url << " attempt " << event.attempt << "\n";
  }
  void on_progress(const TransferProgress& event) override {
    progress.push_back(event);
    text << "progress " << event.url << " " << event.done << "\n";
    if (on_progress_hook)
      on_progress_hook(event);
  }
  void on_retry(const TransferRetry& event) override {
    retries.push_back(event);
    text << "retry " << event.url << " " << event.reason << " " << event.delay.count() << "\n";
    if (on_retry_hook)
      on_retry_hook(event);
  }
  void on_finished(const TransferFinished& event) override {
    finished.push_back(event);
    text << "finished " << event.url << " " << event.status << " " << event.error << "\n";
  }

  std::vector<TransferStarted> started;
  std::vector<TransferProgress> progress;
  std::vector<TransferRetry> retries;
  std::vector<TransferFinished> finished;
  std::ostringstream text;
  std::function<void(const TransferProgress&)> on_progress_hook;
  std::function<void(const TransferRetry&)> on_retry_hook;
};

// Options for fast tests: short timeouts and tiny, deterministic backoff.
[[nodiscard]] inline ClientOptions fast_options() {
  ClientOptions options;
  options.connect_timeout = std::chrono::seconds(3);
  options.low_speed_time = std::chrono::seconds(5);
  options.retry.max_attempts = 3;
  options.retry.initial_delay = std::chrono::milliseconds(10);
  options.retry.max_delay = std::chrono::milliseconds(50);
  options.retry.jitter_seed = 7;
  return options;
}

}  // namespace gator::http::testing
