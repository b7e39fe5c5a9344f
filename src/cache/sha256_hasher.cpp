#include "cache/sha256_hasher.hpp"

namespace gator::cache {

FileDigest to_file_digest(const util::Sha256Digest& digest) {
  return FileDigest{dist::Sha256::from_bytes(digest.bytes), digest.size};
}

dist::Sha256 sha256_of(std::string_view bytes) {
  return dist::Sha256::from_bytes(util::sha256_of(bytes).bytes);
}

FileDigest hash_descriptor(int fd, const std::filesystem::path& path) {
  return to_file_digest(util::hash_descriptor(fd, path));
}

FileDigest hash_file(const std::filesystem::path& path) {
  return to_file_digest(util::hash_file(path));
}

}  // namespace gator::cache
