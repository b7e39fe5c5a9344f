# One static library per module folder; a module links only what it may use, so that a
# forbidden dependency between modules is a link error (see src/README.md).

add_library(gator_warnings INTERFACE)
target_compile_options(gator_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                                -Wsign-conversion -Wnon-virtual-dtor
                                                -Wold-style-cast -Woverloaded-virtual)
if(GATOR_WERROR)
  target_compile_options(gator_warnings INTERFACE -Werror)
endif()
if(GATOR_FUZZ)
  # libstdc++ 12 gates <expected> on __cpp_concepts >= 202002L, which clang 16 implements but
  # does not yet advertise.
  add_compile_options(-U__cpp_concepts -D__cpp_concepts=202002L -fsanitize=fuzzer-no-link,address,undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# gator_module(NAME SOURCES a.cpp ... [DEPS gator::x ...] [PRIVATE_DEPS lib ...])
function(gator_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(gator_${name} STATIC ${ARG_SOURCES})
  add_library(gator::${name} ALIAS gator_${name})
  target_include_directories(gator_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(gator_${name} PUBLIC ${ARG_DEPS} PRIVATE gator_warnings ${ARG_PRIVATE_DEPS})
endfunction()

# gator_unit_test(MODULE SOURCES a_test.cpp ... [DEPS extra ...]): one GoogleTest executable per
# module, linking only that module (plus the shared test support library).
function(gator_unit_test module)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  set(target ${module}_test)
  add_executable(${target} ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE gator::${module} gator_test_support ${ARG_DEPS}
                                          GTest::gtest_main gator_warnings)
  gtest_discover_tests(${target} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS ${module})
endfunction()
