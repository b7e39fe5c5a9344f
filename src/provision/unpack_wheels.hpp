#pragma once

#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "cache/cache.hpp"
#include "lock/select.hpp"
#include "provision/fetch.hpp"
#include "wheel/unpack.hpp"

// The unpack step of `apply`: a verified tree in the cache for every fetched wheel.
namespace gator::provision {

// Called as each wheel's tree is ready (from worker threads, one call at a time).
using UnpackedCallback = std::function<void(std::string_view wheel)>;

// Unpacks `files[i]` (fetched for `wheels[i]`) into the cache on every core. The work is split
// finer than by wheel, so that one big wheel does not keep a single core busy while the
// others wait: each wheel's members are cut into parts that threads extract at once, and a
// local wheel (not verified yet) is hashed on another thread while it is unpacked; its tree is
// kept only when the digest matches the lock and the file was not written to meanwhile. The
// costliest work starts first. Throws the refusals of wheel::WheelUnpack, the mismatch of
// check_local_wheel and gator::Error(integrity) for a file that changed while it was read;
// then no new tree is left in the cache.
[[nodiscard]] std::vector<wheel::UnpackedWheel> unpack_wheels(
    cache::Cache& cache, std::span<const lock::PlannedWheel> wheels,
    std::span<const FetchedWheel> files, const FetchOptions& options,
    const UnpackedCallback& on_unpacked = {});

}  // namespace gator::provision
