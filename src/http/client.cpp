#include "http/client.hpp"

#include <algorithm>

#include "http/cache.hpp"
#include "http/transfer.hpp"
#include "util/strings.hpp"

namespace gator::http {

using detail::Failure;
using detail::Transfer;
using detail::TransferState;
using Clock = std::chrono::steady_clock;

class Client::Impl {
 public:
  Impl(ClientOptions options, Observer* observer);

  [[nodiscard]] std::vector<Outcome> run(std::vector<Request> requests);

  ClientOptions m_options;
  detail::Shared m_shared;
  detail::CurlMulti m_multi;
  std::optional<HttpCache> m_cache;
  Backoff m_backoff;
  std::uint64_t m_next_id = 1;

 private:
  void prepare(Transfer& transfer);
  void start(Transfer& transfer);
  void complete(Transfer& transfer, CURLcode code);
  void complete_status(Transfer& transfer, long status);
  void retry_or_fail(Transfer& transfer, Failure failure);
  void retry_now(Transfer& transfer);
  void finish(Transfer& transfer, Outcome outcome);
  void finish_error(Transfer& transfer, const Failure& failure);
  void store_in_cache(const Transfer& transfer, Response& response) const;
  [[nodiscard]] bool cancelled() const {
    return m_options.cancel != nullptr && m_options.cancel->load();
  }
};

Client::Impl::Impl(ClientOptions options, Observer* observer)
    : m_options(std::move(options)), m_backoff(m_options.retry) {
  static const CURLcode k_init = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (k_init != CURLE_OK)
    throw Error(ErrorKind::internal, "cannot initialise libcurl");
  m_options.max_concurrency = std::max<std::size_t>(m_options.max_concurrency, 1);
  m_options.retry.max_attempts = std::max(m_options.retry.max_attempts, 1U);
  m_shared.options = &m_options;
  m_shared.observer = observer;
  m_multi.reset(curl_multi_init());
  if (!m_multi)
    throw Error(ErrorKind::internal, "cannot create a libcurl multi handle");
  const long limit = static_cast<long>(m_options.max_concurrency);
  curl_multi_setopt(m_multi.get(), CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_MULTIPLEX));
  curl_multi_setopt(m_multi.get(), CURLMOPT_MAX_TOTAL_CONNECTIONS, limit);
  curl_multi_setopt(m_multi.get(), CURLMOPT_MAXCONNECTS, limit);
  if (!m_options.cache_dir.empty())
    m_cache.emplace(m_options.cache_dir);
}

void Client::Impl::prepare(Transfer& transfer) {
  const Request& request = transfer.request;
  transfer.accept = std::string(find_header(request.headers, "accept").value_or(""));
  const bool use_cache = request.cache == CacheMode::revalidate && !transfer.to_file();
  if (use_cache && m_cache)
    transfer.cached = m_cache->load(request.url, transfer.accept);
  if (!m_options.offline || transfer.is_file_url())
    return;
  if (transfer.cached) {
    finish(transfer, detail::response_from_cache(transfer, CacheOutcome::served_offline));
    return;
  }
  Failure failure;
  if (use_cache) {
    failure.reason = m_cache ? "offline mode, and the page is not in the HTTP cache"
                             : "offline mode, and no cache directory is set";
    failure.hints.push_back("run once without --offline to fill the cache");
  } else {
    failure.reason = "offline mode: only cached index pages and local files are available";
    failure.hints.push_back("run without --offline, or use a local mirror (file:// URLs)");
  }
  finish_error(transfer, failure);
}

void Client::Impl::start(Transfer& transfer) {
  try {
    detail::configure_attempt(transfer);
  } catch (const Error& error) {
    finish(transfer, std::unexpected(error));
    return;
  }
  if (transfer.attempts == 1)
    transfer.started = Clock::now();
  if (m_shared.observer != nullptr) {
    m_shared.observer->on_started(
        {transfer.id, transfer.request.url, transfer.attempts, transfer.resume_from});
  }
  if (curl_multi_add_handle(m_multi.get(), transfer.easy.get()) != CURLM_OK) {
    finish(transfer, std::unexpected(Error(ErrorKind::internal, "libcurl refused a transfer")));
    return;
  }
  transfer.state = TransferState::running;
}

std::vector<Client::Outcome> Client::Impl::run(std::vector<Request> requests) {
  std::vector<std::unique_ptr<Transfer>> transfers;
  transfers.reserve(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    auto transfer = std::make_unique<Transfer>(std::move(requests[i]));
    transfer->id = m_next_id++;
    transfer->index = i;
    transfer->shared = &m_shared;
    transfer->easy.reset(curl_easy_init());
    if (!transfer->easy)
      throw Error(ErrorKind::internal, "cannot create a libcurl easy handle");
    transfers.push_back(std::move(transfer));
  }
  // Whatever happens, no easy handle may stay in the multi handle once its Transfer is gone.
  struct Detach {
    CURLM* multi;
    std::vector<std::unique_ptr<Transfer>>& transfers;
    ~Detach() {
      for (auto& transfer : transfers) {
        if (transfer->state == TransferState::running)
          curl_multi_remove_handle(multi, transfer->easy.get());
        detail::close_part(*transfer);
      }
    }
  } detach{m_multi.get(), transfers};

  m_shared.observer_error = nullptr;
  for (auto& transfer : transfers)
    prepare(*transfer);

  const auto interrupted = [] { return Error(ErrorKind::interrupted, "interrupted"); };
  std::size_t running = 0;
  while (true) {
    if (cancelled())
      throw interrupted();
    const auto now = Clock::now();
    for (auto& transfer : transfers) {
      if (running >= m_options.max_concurrency)
        break;
      if (transfer->state == TransferState::waiting && transfer->not_before <= now) {
        start(*transfer);
        if (transfer->state == TransferState::running)
          ++running;
      }
    }
    if (std::all_of(transfers.begin(), transfers.end(),
                    [](const auto& t) { return t->state == TransferState::done; })) {
      break;
    }
    int still_running = 0;
    curl_multi_perform(m_multi.get(), &still_running);
    bool completed = false;
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(m_multi.get(), &queued)) {
      if (message->msg != CURLMSG_DONE)
        continue;
      void* owner = nullptr;
      curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &owner);
      auto& transfer = *static_cast<Transfer*>(owner);
      const CURLcode code = message->data.result;
      curl_multi_remove_handle(m_multi.get(), transfer.easy.get());
      transfer.state = TransferState::waiting;
      --running;
      completed = true;
      complete(transfer, code);
      if (m_shared.observer_error)
        std::rethrow_exception(m_shared.observer_error);
      if (transfer.attempt.cancelled)
        throw interrupted();
    }
    if (completed)
      continue;  // start what can start now before waiting
    // Sleep in curl_multi_poll until a socket is ready, curl's own timer fires, a retry is due,
    // or it is time to look at the cancel flag again.
    auto wait = std::chrono::milliseconds(m_options.cancel != nullptr ? 100 : 1000);
    long curl_wait = -1;
    curl_multi_timeout(m_multi.get(), &curl_wait);
    if (curl_wait >= 0)
      wait = std::min(wait, std::chrono::milliseconds(curl_wait));
    if (running < m_options.max_concurrency) {
      for (const auto& transfer : transfers) {
        if (transfer->state == TransferState::waiting) {
          const auto due = std::chrono::ceil<std::chrono::milliseconds>(transfer->not_before - now);
          wait = std::min(wait, std::max(due, std::chrono::milliseconds(0)));
        }
      }
    }
    curl_multi_poll(m_multi.get(), nullptr, 0, static_cast<int>(wait.count()), nullptr);
  }

  std::vector<Outcome> outcomes;
  outcomes.reserve(transfers.size());
  for (auto& transfer : transfers)
    outcomes.push_back(std::move(*transfer->outcome));
  return outcomes;
}

void Client::Impl::complete(Transfer& transfer, CURLcode code) {
  detail::close_part(transfer);
  detail::Attempt& attempt = transfer.attempt;
  if (attempt.cancelled || m_shared.observer_error)
    return;  // run() throws
  const Request& request = transfer.request;
  if (code == CURLE_OK && !attempt.body_decided) {
    (void)detail::decide_body(transfer);  // an empty body: still create the file
    detail::close_part(transfer);
  }
  if (attempt.io_error) {
    finish(transfer, std::unexpected(Error(ErrorKind::io, *attempt.io_error)));
    return;
  }
  if (attempt.range_ignored && request.on_range_ignored == RangeIgnored::stop) {
    Response response = detail::response_from_transfer(transfer, 200);
    response.range = RangeOutcome::ignored;
    finish(transfer, std::move(response));
    return;
  }
  if (attempt.resume_mismatch) {
    retry_now(transfer);
    return;
  }
  if (attempt.too_large) {
    Failure failure;
    failure.reason = *attempt.too_large;
    finish_error(transfer, failure);
    return;
  }
  if (code != CURLE_OK) {
    if (transfer.is_file_url() && code == CURLE_FILE_COULDNT_READ_FILE) {
      finish(transfer,
             detail::response_from_transfer(transfer, 404));  // like a server's "not found"
      return;
    }
    retry_or_fail(transfer, detail::curl_failure(transfer, code));
    return;
  }
  long status = 0;
  curl_easy_getinfo(transfer.easy.get(), CURLINFO_RESPONSE_CODE, &status);
  if (transfer.is_file_url())
    status = request.range ? 206 : 200;
  complete_status(transfer, status);
}

void Client::Impl::complete_status(Transfer& transfer, long status) {
  const Request& request = transfer.request;
  detail::Attempt& attempt = transfer.attempt;
  if (status >= 200 && status <= 299) {
    const std::uint64_t size = transfer.resume_from + attempt.written;
    if (request.expected_size && size != *request.expected_size) {
      Failure failure;
      failure.retryable = true;
      failure.reason = "truncated body: received " + std::to_string(size) + " of " +
                       std::to_string(*request.expected_size) + " bytes";
      failure.hints.push_back("the server or a proxy cut the transfer short; try again");
      retry_or_fail(transfer, failure);
      return;
    }
    Response response = detail::response_from_transfer(transfer, status);
    if (request.range)
      response.range = attempt.range_ignored ? RangeOutcome::ignored : RangeOutcome::partial;
    if (transfer.to_file()) {
      if (transfer.hasher) {
        try {
          response.sha256 = transfer.hasher->finish_digest();
        } catch (const Error& error) {
          finish(transfer, std::unexpected(error));
          return;
        }
      }
      std::error_code ec;
      std::filesystem::rename(transfer.part_path, request.destination, ec);
      if (ec) {
        finish(transfer,
               std::unexpected(Error(ErrorKind::io, "cannot rename " + transfer.part_path.string() +
                                                        " to " + request.destination.string() +
                                                        ": " + ec.message())));
        return;
      }
      std::filesystem::remove(transfer.validator_path, ec);
      response.file = request.destination;
    } else {
      response.body = std::move(transfer.memory_body);
      store_in_cache(transfer, response);
    }
    finish(transfer, std::move(response));
  } else if (status == 304 && transfer.cached) {
    Response response = detail::response_from_cache(transfer, CacheOutcome::revalidated);
    const Response wire = detail::response_from_transfer(transfer, status);
    response.bytes_transferred = wire.bytes_transferred;
    response.attempts = wire.attempts;
    response.new_connections = wire.new_connections;
    response.timings = wire.timings;
    response.started = wire.started;
    response.finished = wire.finished;
    finish(transfer, std::move(response));
  } else if (status == 416 && transfer.resume_from > 0) {
    retry_now(transfer);  // the part is no prefix of the resource any more
  } else if (is_retryable_status(status)) {
    const auto retry_after = find_header(attempt.headers, "retry-after");
    retry_or_fail(
        transfer,
        detail::status_failure(
            status, retry_after ? parse_retry_after(*retry_after, std::chrono::system_clock::now())
                                : std::nullopt));
  } else if ((status >= 300 && status <= 399) || status == 403 || status == 404 || status == 410) {
    Response response = detail::response_from_transfer(transfer, status);
    response.body = std::move(attempt.error_body);
    finish(transfer, std::move(response));
  } else {
    finish_error(transfer, detail::status_failure(status, std::nullopt));
  }
}

void Client::Impl::retry_now(Transfer& transfer) {
  std::error_code ec;
  std::filesystem::remove(transfer.part_path, ec);
  std::filesystem::remove(transfer.validator_path, ec);
  if (transfer.attempts >= m_options.retry.max_attempts + 1) {
    Failure failure;
    failure.reason = "the server does not continue the partial download consistently";
    finish_error(transfer, failure);
    return;
  }
  transfer.state = TransferState::waiting;
  transfer.not_before = Clock::now();
}

void Client::Impl::retry_or_fail(Transfer& transfer, Failure failure) {
  const RetryOptions& retry = m_options.retry;
  if (!failure.retryable || transfer.attempts >= retry.max_attempts) {
    finish_error(transfer, failure);
    return;
  }
  if (failure.retry_after && *failure.retry_after > retry.max_retry_after) {
    failure.hints.push_back("this client waits at most " +
                            std::to_string(retry.max_retry_after.count()) +
                            " s before a retry; try again later");
    finish_error(transfer, failure);
    return;
  }
  const auto delay =
      failure.retry_after
          ? std::chrono::duration_cast<std::chrono::milliseconds>(*failure.retry_after)
          : m_backoff.delay(transfer.attempts);
  if (m_shared.observer != nullptr) {
    m_shared.observer->on_retry({transfer.id, transfer.request.url, transfer.attempts,
                                 retry.max_attempts, failure.reason, delay,
                                 failure.retry_after.has_value()});
  }
  transfer.state = TransferState::waiting;
  transfer.not_before = Clock::now() + delay;
}

void Client::Impl::finish_error(Transfer& transfer, const Failure& failure) {
  if (transfer.to_file()) {
    // Keep a part file only when a later run can resume it safely (it has a validator).
    std::error_code ec;
    if (!std::filesystem::exists(transfer.validator_path, ec))
      std::filesystem::remove(transfer.part_path, ec);
  }
  finish(transfer,
         std::unexpected(detail::make_error(transfer.request.url, failure, transfer.attempts)));
}

void Client::Impl::finish(Transfer& transfer, Outcome outcome) {
  transfer.state = TransferState::done;
  TransferFinished event{transfer.id, transfer.request.url};
  event.ok = outcome.has_value();
  if (outcome) {
    event.status = outcome->status;
    event.bytes_transferred = outcome->bytes_transferred;
    event.attempts = outcome->attempts;
    event.cache = outcome->cache;
  } else {
    event.attempts = transfer.attempts;
    event.bytes_transferred = transfer.received;
    event.error = outcome.error().what();
    if (!outcome.error().causes().empty())
      event.error += ": " + outcome.error().causes().front();
  }
  transfer.outcome = std::move(outcome);
  if (m_shared.observer != nullptr)
    m_shared.observer->on_finished(event);
}

void Client::Impl::store_in_cache(const Transfer& transfer, Response& response) const {
  const Request& request = transfer.request;
  if (!m_cache || request.cache != CacheMode::revalidate || request.range ||
      response.status != 200) {
    return;
  }
  const std::string control = util::ascii_lower(response.header("cache-control").value_or(""));
  if (control.find("no-store") != std::string::npos)
    return;
  CacheEntry entry;
  entry.metadata.status = response.status;
  entry.metadata.etag = response.header("etag").value_or("");
  entry.metadata.last_modified = response.header("last-modified").value_or("");
  entry.metadata.content_type = response.header("content-type").value_or("");
  entry.metadata.effective_url = response.effective_url.display();
  entry.metadata.stored_at = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
  entry.body = response.body;
  try {
    m_cache->store(request.url, transfer.accept, std::move(entry));
    response.cache = CacheOutcome::stored;
  } catch (const Error&) {
    // A cache that cannot be written only costs the next run a download.
  }
}

Client::Client(ClientOptions options, Observer* observer)
    : m_impl(std::make_unique<Impl>(std::move(options), observer)) {}
Client::~Client() = default;
Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&&) noexcept = default;

Response Client::fetch(Request request) {
  std::vector<Request> one;
  one.push_back(std::move(request));
  auto outcomes = m_impl->run(std::move(one));
  if (!outcomes.front())
    throw std::move(outcomes.front().error());
  return std::move(*outcomes.front());
}

std::vector<Client::Outcome> Client::fetch_all(std::vector<Request> requests) {
  return m_impl->run(std::move(requests));
}

const ClientOptions& Client::options() const {
  return m_impl->m_options;
}

}  // namespace gator::http
