#include "http/transfer.hpp"

#include <algorithm>
#include <cerrno>

#include "http/files.hpp"
#include "util/strings.hpp"

namespace gator::http::detail {
namespace {

constexpr std::size_t k_error_body_limit = 64 * 1024;

template <typename T>
void set(CURL* easy, CURLoption option, T value) {
  const CURLcode code = curl_easy_setopt(easy, option, value);
  if (code != CURLE_OK) {
    throw Error(ErrorKind::internal,
                std::string("libcurl refused an option: ") + curl_easy_strerror(code));
  }
}

[[nodiscard]] bool has_header(const std::vector<Header>& headers, std::string_view name) {
  return find_header(headers, name).has_value();
}

std::size_t on_header(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  Attempt& attempt = transfer.attempt;
  const std::size_t length = size * count;
  std::string_view line(buffer, length);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
    line.remove_suffix(1);
  if (line.starts_with("HTTP/")) {
    // A new response in the chain (redirect, 100 Continue): only the last one counts.
    const std::size_t space = line.find(' ');
    long status = 0;
    for (std::size_t i = space + 1; space != std::string_view::npos && i < line.size() &&
                                    i < space + 4 && util::is_ascii_digit(line[i]);
         ++i) {
      status = status * 10 + (line[i] - '0');
    }
    attempt.status = status;
    attempt.headers.clear();
  } else if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
    if (!attempt.headers.empty()) {
      attempt.headers.back().value += ' ';
      attempt.headers.back().value += util::trim_ascii(line);
    }
  } else if (const std::size_t colon = line.find(':'); colon != std::string_view::npos) {
    attempt.headers.push_back({util::ascii_lower(util::trim_ascii(line.substr(0, colon))),
                               std::string(util::trim_ascii(line.substr(colon + 1)))});
  }
  return length;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  Attempt& attempt = transfer.attempt;
  const std::size_t length = size * count;
  if (!attempt.body_decided && !decide_body(transfer))
    return 0;
  transfer.received += length;
  if (!attempt.sink_body) {
    const std::size_t room =
        k_error_body_limit - std::min(k_error_body_limit, attempt.error_body.size());
    attempt.error_body.append(data, std::min(room, length));
    return length;
  }
  const std::uint64_t total = transfer.resume_from + attempt.written + length;
  const Request& request = transfer.request;
  if (request.expected_size && total > *request.expected_size) {
    attempt.too_large = "the server sent more than the expected " +
                        std::to_string(*request.expected_size) + " bytes";
    return 0;
  }
  if (transfer.to_file()) {
    if (std::fwrite(data, 1, length, transfer.part.get()) != length) {
      attempt.io_error = describe_errno("cannot write", transfer.part_path, errno);
      return 0;
    }
    if (transfer.hasher) {
      try {
        transfer.hasher->update(std::string_view(data, length));
      } catch (const Error& error) {  // OpenSSL failed; nothing may throw through libcurl
        attempt.io_error = error.what();
        return 0;
      }
    }
  } else {
    const std::uint64_t limit = transfer.shared->options->max_memory_body;
    if (total > limit) {
      attempt.too_large =
          "the body is larger than the " + std::to_string(limit) + " bytes allowed in memory";
      return 0;
    }
    transfer.memory_body.append(data, length);
  }
  attempt.written += length;
  return length;
}

int on_progress(void* user, curl_off_t download_total, curl_off_t download_now, curl_off_t,
                curl_off_t) {
  auto& transfer = *static_cast<Transfer*>(user);
  Attempt& attempt = transfer.attempt;
  Shared& shared = *transfer.shared;
  if (shared.options->cancel != nullptr && shared.options->cancel->load()) {
    attempt.cancelled = true;
    return 1;
  }
  if (shared.observer == nullptr || !attempt.sink_body)
    return 0;
  const std::uint64_t done = transfer.resume_from + static_cast<std::uint64_t>(download_now);
  if (done == attempt.last_progress)
    return 0;
  attempt.last_progress = done;
  TransferProgress event{transfer.id, transfer.request.url, done, transfer.request.expected_size};
  if (download_total > 0)
    event.total = transfer.resume_from + static_cast<std::uint64_t>(download_total);
  try {
    shared.observer->on_progress(event);
  } catch (...) {
    shared.observer_error = std::current_exception();
    return 1;
  }
  return 0;
}

// The validator that makes resuming safe: a strong ETag, else Last-Modified (If-Range accepts
// both; a weak ETag is not allowed there).
[[nodiscard]] std::string resume_validator(const std::vector<Header>& headers) {
  if (const auto etag = find_header(headers, "etag"); etag && !etag->starts_with("W/"))
    return std::string(*etag);
  if (const auto modified = find_header(headers, "last-modified"))
    return std::string(*modified);
  return {};
}

void choose_resume_point(Transfer& transfer) {
  transfer.resume_from = 0;
  if (!transfer.to_file())
    return;
  const Request& request = transfer.request;
  transfer.part_path = request.destination;
  transfer.part_path += ".part";
  transfer.validator_path = request.destination;
  transfer.validator_path += ".part.validator";
  std::error_code ec;
  const bool allowed = request.resume == Resume::yes && !request.range && !transfer.is_file_url();
  std::string validator;
  if (allowed) {
    if (const auto text = read_file(transfer.validator_path))
      validator = util::trim_ascii(*text);
  }
  const std::uintmax_t size = std::filesystem::file_size(transfer.part_path, ec);
  if (allowed && !validator.empty() && !ec && size > 0) {
    transfer.resume_from = size;
    return;
  }
  std::filesystem::remove(transfer.part_path, ec);
  std::filesystem::remove(transfer.validator_path, ec);
}

// Brings the hasher to where this attempt's body starts: nothing for a new body; the kept part
// for an accepted resume. A part this run wrote is still in the hasher (it only ever holds the
// part's bytes); one left by an earlier run is read once, now that the server continues it.
[[nodiscard]] bool prepare_hasher(Transfer& transfer) {
  util::Sha256Hasher& hasher = *transfer.hasher;
  if (hasher.size() == transfer.resume_from)
    return true;
  try {
    (void)hasher.finish();  // starts over
    if (transfer.resume_from > 0)
      util::update_from_file(hasher, transfer.part_path);
  } catch (const Error& error) {
    transfer.attempt.io_error = error.what();
    return false;
  }
  if (hasher.size() != transfer.resume_from) {
    transfer.attempt.resume_mismatch = true;  // the part changed since it was measured
    return false;
  }
  return true;
}

}  // namespace

bool decide_body(Transfer& transfer) {
  Attempt& attempt = transfer.attempt;
  const Request& request = transfer.request;
  attempt.body_decided = true;
  const bool file_url = transfer.is_file_url();
  if (!file_url && (attempt.status < 200 || attempt.status > 299))
    return true;  // an error page: kept (bounded) in error_body
  if (request.range && !file_url && attempt.status == 200) {
    attempt.range_ignored = true;
    if (request.on_range_ignored == RangeIgnored::stop)
      return false;
  }
  if (transfer.to_file()) {
    if (transfer.resume_from > 0) {
      if (attempt.status == 206) {
        const auto range = parse_content_range(
            find_header(attempt.headers, "content-range").value_or(std::string_view()));
        if (!range || range->first != transfer.resume_from) {
          attempt.resume_mismatch = true;
          return false;
        }
      } else {
        transfer.resume_from = 0;  // the resource changed (If-Range failed): a whole new body
      }
    }
    if (transfer.hasher && !prepare_hasher(transfer))
      return false;
    std::error_code ec;
    if (request.destination.has_parent_path())
      std::filesystem::create_directories(request.destination.parent_path(), ec);
    transfer.part.reset(
        std::fopen(transfer.part_path.c_str(), transfer.resume_from > 0 ? "ab" : "wb"));
    if (!transfer.part) {
      attempt.io_error = describe_errno("cannot create", transfer.part_path, errno);
      return false;
    }
    if (transfer.resume_from == 0 && request.resume == Resume::yes && !request.range && !file_url) {
      const std::string validator = resume_validator(attempt.headers);
      try {
        if (validator.empty())
          std::filesystem::remove(transfer.validator_path, ec);
        else
          write_file_atomically(transfer.validator_path, validator + "\n");
      } catch (const Error& error) {
        attempt.io_error = error.what();
        return false;
      }
    }
  }
  attempt.sink_body = true;
  return true;
}

void close_part(Transfer& transfer) {
  if (!transfer.part)
    return;
  if (std::fflush(transfer.part.get()) != 0 && !transfer.attempt.io_error)
    transfer.attempt.io_error = describe_errno("cannot write", transfer.part_path, errno);
  transfer.part.reset();
}

void configure_attempt(Transfer& transfer) {
  const ClientOptions& options = *transfer.shared->options;
  const Request& request = transfer.request;
  transfer.attempt = Attempt{};
  transfer.memory_body.clear();
  transfer.error_buffer[0] = '\0';
  ++transfer.attempts;
  choose_resume_point(transfer);
  // Kept across attempts: decide_body() restarts it or lets it continue a resumed part.
  if (!transfer.hashing())
    transfer.hasher.reset();
  else if (!transfer.hasher)
    transfer.hasher.emplace();

  CURL* easy = transfer.easy.get();
  curl_easy_reset(easy);
  set(easy, CURLOPT_PRIVATE, static_cast<void*>(&transfer));
  set(easy, CURLOPT_URL, request.url.raw_for_request().c_str());
  set(easy, CURLOPT_PROTOCOLS_STR, "http,https,file");
  set(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  set(easy, CURLOPT_FOLLOWLOCATION, 1L);
  set(easy, CURLOPT_MAXREDIRS, options.max_redirects);
  set(easy, CURLOPT_NOSIGNAL, 1L);
  set(easy, CURLOPT_ERRORBUFFER, transfer.error_buffer);
  set(easy, CURLOPT_USERAGENT, options.user_agent.c_str());
  set(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
  set(easy, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(options.low_speed_limit));
  set(easy, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options.low_speed_time.count()));
  if (options.total_timeout.count() > 0)
    set(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
  set(easy, CURLOPT_HTTP_VERSION,
      options.http2 ? static_cast<long>(CURL_HTTP_VERSION_2TLS)
                    : static_cast<long>(CURL_HTTP_VERSION_1_1));
  if (options.http2 && request.url.scheme() == "https")
    set(easy, CURLOPT_PIPEWAIT, 1L);  // prefer a stream on a live HTTP/2 connection
  set(easy, CURLOPT_BUFFERSIZE, 128L * 1024L);

  const std::filesystem::path& ca =
      options.ca_file.empty() ? options.ssl_cert_file : options.ca_file;
  if (!ca.empty())
    set(easy, CURLOPT_CAINFO, ca.c_str());
  if (!options.ssl_cert_dir.empty())
    set(easy, CURLOPT_CAPATH, options.ssl_cert_dir.c_str());
  if (options.proxy)
    set(easy, CURLOPT_PROXY, options.proxy->c_str());
  if (options.no_proxy)
    set(easy, CURLOPT_NOPROXY, options.no_proxy->c_str());
  if (!options.netrc_file.empty()) {
    set(easy, CURLOPT_NETRC, static_cast<long>(CURL_NETRC_OPTIONAL));
    set(easy, CURLOPT_NETRC_FILE, options.netrc_file.c_str());
  }

  std::vector<std::string> lines;
  for (const Header& header : request.headers)
    lines.push_back(header.name + ": " + header.value);
  if (transfer.resume_from > 0) {
    set(easy, CURLOPT_RANGE, (std::to_string(transfer.resume_from) + "-").c_str());
    const auto validator = read_file(transfer.validator_path).value_or("");
    lines.push_back("If-Range: " + std::string(util::trim_ascii(validator)));
  } else if (request.range) {
    set(easy, CURLOPT_RANGE, request.range->spec().c_str());
  } else if (!transfer.to_file()) {
    set(easy, CURLOPT_ACCEPT_ENCODING, "");  // gzip/br/zstd for index pages
  }
  if (transfer.cached) {
    const CacheMetadata& cached = transfer.cached->metadata;
    if (!cached.etag.empty() && !has_header(request.headers, "if-none-match"))
      lines.push_back("If-None-Match: " + cached.etag);
    if (!cached.last_modified.empty() && !has_header(request.headers, "if-modified-since"))
      lines.push_back("If-Modified-Since: " + cached.last_modified);
  }
  transfer.header_list = make_slist(lines);
  if (transfer.header_list)
    set(easy, CURLOPT_HTTPHEADER, transfer.header_list.get());

  set(easy, CURLOPT_HEADERFUNCTION, &on_header);
  set(easy, CURLOPT_HEADERDATA, static_cast<void*>(&transfer));
  set(easy, CURLOPT_WRITEFUNCTION, &on_body);
  set(easy, CURLOPT_WRITEDATA, static_cast<void*>(&transfer));
  set(easy, CURLOPT_XFERINFOFUNCTION, &on_progress);
  set(easy, CURLOPT_XFERINFODATA, static_cast<void*>(&transfer));
  set(easy, CURLOPT_NOPROGRESS, 0L);
}

Failure curl_failure(const Transfer& transfer, CURLcode code) {
  Failure failure;
  std::string detail = transfer.error_buffer;
  failure.reason = detail.empty() ? curl_easy_strerror(code) : detail;
  failure.reason = scrub(failure.reason, transfer.request.url);
  const std::string proxy_hint = "check the proxy settings (http_proxy, https_proxy, no_proxy)";
  switch (code) {
    case CURLE_COULDNT_CONNECT:
      failure.retryable = true;
      failure.hints.push_back(
          "check that the server is up and reachable from here, and the proxy settings "
          "(http_proxy, https_proxy, no_proxy)");
      break;
    case CURLE_OPERATION_TIMEDOUT:
      failure.retryable = true;
      failure.hints.push_back(
          "the server did not answer in time; check the network and the proxy settings, or "
          "raise the timeouts");
      break;
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      failure.retryable = true;
      failure.hints.push_back("the connection broke during the transfer; try again");
      break;
    case CURLE_COULDNT_RESOLVE_HOST:
      failure.hints.push_back("check the host name, the DNS settings and the proxy settings");
      break;
    case CURLE_COULDNT_RESOLVE_PROXY:
      failure.hints.push_back(proxy_hint);
      break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
      failure.hints.push_back(
          "the server's TLS certificate is not trusted: pass --cert FILE (or set SSL_CERT_FILE) "
          "naming the CA bundle that signed it");
      break;
    case CURLE_SSL_CACERT_BADFILE:
      failure.hints.push_back("check the CA bundle given with --cert or SSL_CERT_FILE");
      break;
    case CURLE_TOO_MANY_REDIRECTS:
      failure.hints.push_back("the server redirected more than " +
                              std::to_string(transfer.shared->options->max_redirects) +
                              " times (a redirect loop?)");
      break;
    case CURLE_UNSUPPORTED_PROTOCOL:
      failure.hints.push_back(
          "only http, https and file URLs are supported (and only http and https redirects)");
      break;
    case CURLE_FILE_COULDNT_READ_FILE:
      failure.hints.push_back("check that the local file exists and is readable");
      break;
    default:
      break;
  }
  return failure;
}

Response response_from_transfer(const Transfer& transfer, long status) {
  CURL* easy = transfer.easy.get();
  Response response{transfer.request.url, transfer.request.url};
  char* effective = nullptr;
  if (curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK && effective) {
    if (auto parsed = RedactedUrl::parse(effective))
      response.effective_url = std::move(*parsed);
  }
  long version = 0;
  curl_easy_getinfo(easy, CURLINFO_HTTP_VERSION, &version);
  switch (version) {
    case CURL_HTTP_VERSION_1_0:
      response.http_version = 10;
      break;
    case CURL_HTTP_VERSION_1_1:
      response.http_version = 11;
      break;
    case CURL_HTTP_VERSION_2_0:
      response.http_version = 20;
      break;
    case CURL_HTTP_VERSION_3:
      response.http_version = 30;
      break;
    default:
      break;
  }
  long redirects = 0;
  curl_easy_getinfo(easy, CURLINFO_REDIRECT_COUNT, &redirects);
  curl_easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &response.new_connections);
  response.status = status;
  response.headers = transfer.attempt.headers;
  response.redirects = static_cast<unsigned>(std::max(redirects, 0L));
  response.bytes_transferred = transfer.received;
  response.resumed_from = transfer.resume_from;
  response.attempts = transfer.attempts;
  response.timings = read_timings(easy);
  response.started = transfer.started;
  response.finished = std::chrono::steady_clock::now();
  return response;
}

Response response_from_cache(const Transfer& transfer, CacheOutcome outcome) {
  const CacheMetadata& metadata = transfer.cached->metadata;
  Response response{transfer.request.url, transfer.request.url};
  if (auto effective = RedactedUrl::parse(metadata.effective_url))
    response.effective_url = std::move(*effective);
  response.status = metadata.status;
  if (!metadata.content_type.empty())
    response.headers.push_back({"content-type", metadata.content_type});
  if (!metadata.etag.empty())
    response.headers.push_back({"etag", metadata.etag});
  if (!metadata.last_modified.empty())
    response.headers.push_back({"last-modified", metadata.last_modified});
  response.body = transfer.cached->body;
  response.cache = outcome;
  response.started = response.finished = std::chrono::steady_clock::now();
  return response;
}

Timings read_timings(CURL* easy) {
  const auto micros = [easy](CURLINFO info) {
    curl_off_t value = 0;
    curl_easy_getinfo(easy, info, &value);
    return std::chrono::microseconds(value);
  };
  Timings timings;
  timings.name_lookup = micros(CURLINFO_NAMELOOKUP_TIME_T);
  timings.connect = micros(CURLINFO_CONNECT_TIME_T);
  timings.tls_handshake = micros(CURLINFO_APPCONNECT_TIME_T);
  timings.first_byte = micros(CURLINFO_STARTTRANSFER_TIME_T);
  timings.total = micros(CURLINFO_TOTAL_TIME_T);
  return timings;
}

}  // namespace gator::http::detail
