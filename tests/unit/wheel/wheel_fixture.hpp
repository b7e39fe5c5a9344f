#pragma once

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <string_view>

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "cache/cache.hpp"
#include "dist/wheel_filename.hpp"
#include "wheel/install.hpp"
#include "wheel/unpack.hpp"
#include "wheel_builder.hpp"

namespace gator::wheel::test {

namespace fs = std::filesystem;

inline void write_text(const fs::path& path, std::string_view text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

inline std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline unsigned mode_of(const fs::path& path) {
  struct stat status {};
  EXPECT_EQ(::stat(path.c_str(), &status), 0) << path;
  return status.st_mode & 07777;
}

inline ino_t inode_of(const fs::path& path) {
  struct stat status {};
  EXPECT_EQ(::stat(path.c_str(), &status), 0) << path;
  return status.st_ino;
}

// Every path below `root` (files and directories), relative, sorted.
inline std::set<std::string> tree_of(const fs::path& root) {
  std::set<std::string> paths;
  if (!fs::exists(root))
    return paths;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    paths.insert(entry.path().lexically_relative(root).generic_string());
  return paths;
}

// A temporary directory with a cache in it and helpers to store, unpack and install wheels.
class WheelTest : public ::testing::Test {
 protected:
  WheelTest() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern =
        std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/gator-wheel-test-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr)
      throw std::runtime_error("mkdtemp failed");
    m_dir = pattern;
    m_cache.emplace(cache::Cache::open(m_dir / "cache"));
  }
  ~WheelTest() override {
    m_cache.reset();
    std::error_code ignored;
    fs::remove_all(m_dir, ignored);
  }

  struct Stored {
    fs::path path;
    dist::Sha256 sha256;
    dist::WheelFilename filename;
  };

  // Puts the wheel's bytes into the cache, as a verified download would.
  Stored store(const std::string& bytes, const std::string& filename) {
    const fs::path temp = m_cache->temp_path("download");
    write_text(temp, bytes);
    const dist::Sha256 sha = cache::sha256_of(bytes);
    const fs::path path = m_cache->insert_file(temp, sha, bytes.size(), filename);
    auto parsed = dist::WheelFilename::parse(filename);
    if (!parsed)
      throw std::runtime_error("bad test wheel filename " + filename);
    return Stored{path, sha, *parsed};
  }

  UnpackedWheel unpack(const WheelBuilder& builder) {
    const Stored stored = store(builder.build(), builder.filename());
    return unpack_wheel(*m_cache, stored.path, stored.sha256, stored.filename);
  }

  // The message of the error unpacking this wheel throws (and that it left nothing behind).
  std::string refusal_of(const WheelBuilder& builder, ErrorKind expected_kind) {
    const Stored stored = store(builder.build(), builder.filename());
    try {
      (void)unpack_wheel(*m_cache, stored.path, stored.sha256, stored.filename);
    } catch (const Error& error) {
      EXPECT_EQ(error.kind(), expected_kind) << error.what();
      EXPECT_FALSE(m_cache->find_unpacked(stored.sha256).has_value());
      EXPECT_TRUE(tree_of(m_cache->staging_dir()).empty());
      return error.render("gator-provision");
    }
    ADD_FAILURE() << "the wheel was not refused";
    return "";
  }

  // A scheme laid out like a venv under `root`.
  static Scheme venv_scheme(const fs::path& root, std::string_view project = "demo") {
    const fs::path site = root / "lib" / "python3.11" / "site-packages";
    return Scheme{site, site, root / "bin", root / "include" / "site" / "python3.11" / project,
                  root};
  }

  InstallOptions options_for(const fs::path& root, LinkMode mode = LinkMode::automatic) {
    InstallOptions options;
    options.scheme = venv_scheme(root);
    options.python = root / "bin" / "python";
    options.link_mode = mode;
    return options;
  }

  fs::path m_dir;
  std::optional<cache::Cache> m_cache;
};

}  // namespace gator::wheel::test
