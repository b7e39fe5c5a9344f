#include "cli/progress.hpp"

#include <cstdio>

namespace gator::cli {
namespace {

constexpr auto k_redraw_interval = std::chrono::milliseconds(100);

[[nodiscard]] const char* phase_verb(provision::ApplyPhase phase) {
  switch (phase) {
    case provision::ApplyPhase::download:
      return "downloading";
    case provision::ApplyPhase::unpack:
      return "unpacking";
    case provision::ApplyPhase::install:
      return "installing";
    case provision::ApplyPhase::compile:
      return "compiling";
    case provision::ApplyPhase::switch_venv:
      return "switching";
  }
  return "";
}

}  // namespace

std::string format_bytes(std::uint64_t bytes) {
  static const char* const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < std::size(units)) {
    value /= 1024.0;
    ++unit;
  }
  char text[32];
  if (unit == 0)
    std::snprintf(text, sizeof text, "%llu B", static_cast<unsigned long long>(bytes));
  else
    std::snprintf(text, sizeof text, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
  return text;
}

ApplyProgress::ApplyProgress(const GlobalOptions& global, const Context& context)
    : StatusLines(global, context),
      m_live(context.stderr_is_tty && !global.quiet && !global.json),
      m_quiet(global.quiet) {}

ApplyProgress::~ApplyProgress() {
  finish_line();
}

void ApplyProgress::finish_line() {
  if (m_line_open) {
    *m_context->err << "\n";
    m_context->err->flush();
    m_line_open = false;
  }
}

void ApplyProgress::draw(const std::string& text, bool force) {
  if (!m_live)
    return;
  const auto now = std::chrono::steady_clock::now();
  if (!force && now - m_last_draw < k_redraw_interval)
    return;
  m_last_draw = now;
  *m_context->err << "\r\033[K" << text;
  m_context->err->flush();
  m_line_open = true;
}

void ApplyProgress::on_phase(provision::ApplyPhase phase, std::size_t total) {
  if (m_quiet)
    return;
  if (phase == provision::ApplyPhase::download)
    m_download_start = std::chrono::steady_clock::now();
  if (m_live) {
    finish_line();
    draw(std::string(phase_verb(phase)) + " " + std::to_string(total) + " ...", true);
    return;
  }
  switch (phase) {
    case provision::ApplyPhase::download:
      *m_context->err << "fetching " << total << " wheels (from the cache when there)\n";
      break;
    case provision::ApplyPhase::unpack:
      if (total > 0)
        *m_context->err << "unpacking " << total << " wheels\n";
      break;
    case provision::ApplyPhase::install:
      *m_context->err << "installing " << total << " packages\n";
      break;
    case provision::ApplyPhase::compile:
      *m_context->err << "byte-compiling\n";
      break;
    case provision::ApplyPhase::switch_venv:
      *m_context->err << "switching the new venv into place\n";
      break;
  }
}

void ApplyProgress::on_step(provision::ApplyPhase phase, std::size_t done, std::size_t total,
                            std::string_view item) {
  draw(std::string(phase_verb(phase)) + " " + std::to_string(done) + "/" + std::to_string(total) +
           " " + std::string(item),
       done == total);
}

void ApplyProgress::on_started(const http::TransferStarted& event) {
  Transfer& transfer = m_transfers[event.transfer];
  transfer.done = event.resume_from;
  draw_downloads(false);
}

void ApplyProgress::on_progress(const http::TransferProgress& event) {
  Transfer& transfer = m_transfers[event.transfer];
  transfer.done = event.done;
  transfer.total = event.total;
  draw_downloads(false);
}

void ApplyProgress::on_retry(const http::TransferRetry& event) {
  finish_line();
  StatusLines::on_retry(event);
}

void ApplyProgress::on_finished(const http::TransferFinished& event) {
  Transfer& transfer = m_transfers[event.transfer];
  transfer.finished = true;
  if (transfer.total)
    transfer.done = *transfer.total;
  if (m_global->verbose)
    finish_line();
  StatusLines::on_finished(event);
  draw_downloads(false);
}

void ApplyProgress::draw_downloads(bool force) {
  if (!m_live)
    return;
  std::uint64_t done = 0;
  std::uint64_t total = 0;
  bool totals_known = true;
  std::size_t finished = 0;
  for (const auto& [id, transfer] : m_transfers) {
    done += transfer.done;
    if (transfer.total)
      total += *transfer.total;
    else
      totals_known = false;
    finished += transfer.finished ? 1 : 0;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - m_download_start).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  std::string text = "downloading " + std::to_string(finished) + "/" +
                     std::to_string(m_transfers.size()) + " " + format_bytes(done);
  if (totals_known && total > 0)
    text += " of " + format_bytes(total);
  text += ", " + format_bytes(static_cast<std::uint64_t>(rate)) + "/s";
  if (totals_known && rate > 0 && total > done)
    text += ", " +
            std::to_string(static_cast<long long>(static_cast<double>(total - done) / rate)) +
            " s left";
  draw(text, force);
}

}  // namespace gator::cli
