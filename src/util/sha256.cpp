#include "util/sha256.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>

#include "util/error.hpp"

namespace gator::util {
namespace {

using ContextPtr = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

[[nodiscard]] std::string describe_errno(std::string_view what, const std::filesystem::path& path,
                                         int error_number) {
  return std::string(what) + " " + path.string() + ": " + std::strerror(error_number);
}

// Closes the descriptor on every path out of hash_file().
class OpenFile {
 public:
  explicit OpenFile(const std::filesystem::path& path)
      : m_fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
    if (m_fd < 0)
      throw Error(ErrorKind::io, describe_errno("cannot open", path, errno));
  }
  ~OpenFile() { ::close(m_fd); }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;

  [[nodiscard]] int get() const { return m_fd; }

 private:
  int m_fd;
};

}  // namespace

struct Sha256Hasher::State {
  ContextPtr context{EVP_MD_CTX_new(), &EVP_MD_CTX_free};

  State() {
    if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1)
      throw Error(ErrorKind::internal, "cannot initialise OpenSSL SHA-256");
  }
};

Sha256Hasher::Sha256Hasher() : m_state(std::make_unique<State>()) {}
Sha256Hasher::~Sha256Hasher() = default;
Sha256Hasher::Sha256Hasher(Sha256Hasher&&) noexcept = default;
Sha256Hasher& Sha256Hasher::operator=(Sha256Hasher&&) noexcept = default;

void Sha256Hasher::update(std::span<const std::byte> bytes) {
  if (bytes.empty())
    return;
  if (EVP_DigestUpdate(m_state->context.get(), bytes.data(), bytes.size()) != 1)
    throw Error(ErrorKind::internal, "OpenSSL SHA-256 update failed");
  m_size += bytes.size();
}

void Sha256Hasher::update(std::string_view bytes) {
  update(std::as_bytes(std::span(bytes.data(), bytes.size())));
}

std::array<std::uint8_t, 32> Sha256Hasher::finish() {
  std::array<std::uint8_t, 32> digest{};
  unsigned length = 0;
  EVP_MD_CTX* context = m_state->context.get();
  if (EVP_DigestFinal_ex(context, digest.data(), &length) != 1 || length != digest.size() ||
      EVP_DigestInit_ex(context, EVP_sha256(), nullptr) != 1) {
    throw Error(ErrorKind::internal, "OpenSSL SHA-256 final failed");
  }
  m_size = 0;
  return digest;
}

Sha256Digest Sha256Hasher::finish_digest() {
  const std::uint64_t size = m_size;
  return Sha256Digest{finish(), size};
}

void update_from_descriptor(Sha256Hasher& hasher, int fd, const std::filesystem::path& path) {
  std::array<std::byte, 1 << 16> buffer{};
  for (;;) {
    const ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got < 0) {
      if (errno == EINTR)
        continue;
      throw Error(ErrorKind::io, describe_errno("cannot read", path, errno));
    }
    if (got == 0)
      return;
    hasher.update(std::span(buffer.data(), static_cast<std::size_t>(got)));
  }
}

void update_from_file(Sha256Hasher& hasher, const std::filesystem::path& path) {
  const OpenFile file(path);
  update_from_descriptor(hasher, file.get(), path);
}

Sha256Digest hash_descriptor(int fd, const std::filesystem::path& path) {
  Sha256Hasher hasher;
  update_from_descriptor(hasher, fd, path);
  return hasher.finish_digest();
}

Sha256Digest hash_whole_descriptor(int fd, const std::filesystem::path& path) {
  // Big reads: a wheel can be gigabytes, and each read is a system call.
  constexpr std::size_t k_block = std::size_t{1} << 20;
  const auto buffer = std::make_unique_for_overwrite<std::byte[]>(k_block);
  Sha256Hasher hasher;
  for (off_t offset = 0;;) {
    const ssize_t got = ::pread(fd, buffer.get(), k_block, offset);
    if (got < 0) {
      if (errno == EINTR)
        continue;
      throw Error(ErrorKind::io, describe_errno("cannot read", path, errno));
    }
    if (got == 0)
      return hasher.finish_digest();
    hasher.update(std::span(buffer.get(), static_cast<std::size_t>(got)));
    offset += got;
  }
}

Sha256Digest hash_file(const std::filesystem::path& path) {
  Sha256Hasher hasher;
  update_from_file(hasher, path);
  return hasher.finish_digest();
}

Sha256Digest sha256_of(std::string_view bytes) {
  Sha256Hasher hasher;
  hasher.update(bytes);
  return hasher.finish_digest();
}

std::string to_hex(std::span<const std::uint8_t> bytes) {
  constexpr std::string_view k_hex = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const std::uint8_t byte : bytes) {
    out += k_hex[byte >> 4];
    out += k_hex[byte & 0x0f];
  }
  return out;
}

std::optional<std::string> hex_digest(std::string_view algorithm, std::string_view data) {
  if (algorithm.find('\0') != std::string_view::npos)
    return std::nullopt;  // not a name OpenSSL could be asked for
  const std::string name(algorithm);
  const EVP_MD* md = EVP_get_digestbyname(name.c_str());
  if (md == nullptr)
    return std::nullopt;
  const ContextPtr context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  std::array<std::uint8_t, EVP_MAX_MD_SIZE> digest{};
  unsigned length = 0;
  if (!context || EVP_DigestInit_ex(context.get(), md, nullptr) != 1 ||
      EVP_DigestUpdate(context.get(), data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(context.get(), digest.data(), &length) != 1) {
    return std::nullopt;
  }
  return to_hex(std::span(digest.data(), length));
}

}  // namespace gator::util
