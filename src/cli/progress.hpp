#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "cli/commands.hpp"
#include "cli/lock_support.hpp"
#include "provision/apply.hpp"

// Progress of `apply` on stderr: on a terminal one live line per phase (downloads with bytes,
// rate and ETA; unpack and install with done/total), redrawn in place; otherwise one plain line
// per phase, for logs; nothing with --quiet.
namespace gator::cli {

class ApplyProgress final : public StatusLines, public provision::ApplyObserver {
 public:
  ApplyProgress(const GlobalOptions& global, const Context& context);
  ~ApplyProgress() override;

  void on_phase(provision::ApplyPhase phase, std::size_t total) override;
  void on_step(provision::ApplyPhase phase, std::size_t done, std::size_t total,
               std::string_view item) override;
  void on_started(const http::TransferStarted& event) override;
  void on_progress(const http::TransferProgress& event) override;
  void on_retry(const http::TransferRetry& event) override;
  void on_finished(const http::TransferFinished& event) override;

  // Ends the live line (a newline), before other output.
  void finish_line();

 private:
  struct Transfer {
    std::uint64_t done = 0;
    std::optional<std::uint64_t> total;
    bool finished = false;
  };

  void draw(const std::string& text, bool force);
  void draw_downloads(bool force);

  bool m_live;
  bool m_quiet;
  bool m_line_open = false;
  std::chrono::steady_clock::time_point m_last_draw{};
  std::chrono::steady_clock::time_point m_download_start{};
  std::map<std::uint64_t, Transfer> m_transfers;
};

// "1.5 MiB", "312 KiB", "17 B".
[[nodiscard]] std::string format_bytes(std::uint64_t bytes);

}  // namespace gator::cli
