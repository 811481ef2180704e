package id.ilpatlas.geo.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable tree of string keys: one axis of a publication lattice (areas, or periods).
 *
 * <p>Every node's count is, by contract, the exact sum of its children's counts; leaves carry the
 * data. Siblings are ordered by key ({@link String#compareTo}), whatever order they were added in, so
 * two hierarchies with the same edges are equal node for node. Nodes are numbered in pre-order
 * (root = 0, a parent before its children, children in key order), so a node's subtree is the index
 * range {@code [index, subtreeEnd(index))}.
 *
 * <p>Build one with {@link #builder(String)} or, for areas and calendar periods, with {@link
 * Hierarchies}.
 */
public final class Hierarchy {

    private final String[] keys;
    private final Map<String, Integer> indexByKey;
    private final int[] parent;
    private final int[][] children;
    private final int[] depth;
    private final int[] subtreeEnd;
    private final int[] leaves;

    private Hierarchy(String root, Map<String, TreeSet<String>> childrenByKey) {
        int size = 1 + childrenByKey.values().stream().mapToInt(TreeSet::size).sum();
        keys = new String[size];
        parent = new int[size];
        children = new int[size][];
        depth = new int[size];
        subtreeEnd = new int[size];
        indexByKey = new HashMap<>(size * 2);
        List<Integer> leafList = new ArrayList<>();
        int[] next = {0};
        number(root, -1, 0, childrenByKey, next, leafList);
        leaves = leafList.stream().mapToInt(Integer::intValue).toArray();
    }

    private void number(
            String key,
            int parentIndex,
            int level,
            Map<String, TreeSet<String>> childrenByKey,
            int[] next,
            List<Integer> leafList) {
        // Recursion depth = tree height (5 for kota → RW), so recursion is safe.
        int index = next[0]++;
        keys[index] = key;
        indexByKey.put(key, index);
        parent[index] = parentIndex;
        depth[index] = level;
        TreeSet<String> kids = childrenByKey.getOrDefault(key, new TreeSet<>());
        children[index] = new int[kids.size()];
        int i = 0;
        for (String kid : kids) {
            children[index][i++] = next[0];
            number(kid, index, level + 1, childrenByKey, next, leafList);
        }
        if (kids.isEmpty()) {
            leafList.add(index);
        }
        subtreeEnd[index] = next[0];
    }

    /**
     * Starts a hierarchy with the given root.
     *
     * @param rootKey key of the root node, e.g. {@code "33.75"} or {@code "2025"}
     * @return a builder holding only the root
     * @throws IllegalArgumentException if {@code rootKey} is null or blank
     */
    public static Builder builder(String rootKey) {
        return new Builder(rootKey);
    }

    /** Number of nodes. */
    public int size() {
        return keys.length;
    }

    /** Key of the root node. */
    public String root() {
        return keys[0];
    }

    /** All keys in pre-order (root first, a parent before its children, siblings by key). */
    public List<String> keys() {
        return List.of(keys);
    }

    /** The leaf keys in pre-order. */
    public List<String> leaves() {
        List<String> result = new ArrayList<>(leaves.length);
        for (int leaf : leaves) {
            result.add(keys[leaf]);
        }
        return Collections.unmodifiableList(result);
    }

    /**
     * Returns whether {@code key} is a node of this hierarchy.
     *
     * @param key candidate key, may be null
     * @return {@code true} if it is a node
     */
    public boolean contains(String key) {
        return key != null && indexByKey.containsKey(key);
    }

    /**
     * Pre-order index of a node.
     *
     * @param key a node key
     * @return its index, 0 for the root
     * @throws IllegalArgumentException if {@code key} is not a node
     */
    public int indexOf(String key) {
        Integer index = key == null ? null : indexByKey.get(key);
        if (index == null) {
            throw new IllegalArgumentException("'" + key + "' is not a node of the hierarchy rooted at " + root());
        }
        return index;
    }

    /**
     * The key of the node with pre-order index {@code index}.
     *
     * @param index 0 .. {@link #size()} - 1
     * @return its key
     */
    public String key(int index) {
        return keys[index];
    }

    /**
     * The parent of a node.
     *
     * @param key a node key
     * @return the parent's key, empty for the root
     * @throws IllegalArgumentException if {@code key} is not a node
     */
    public Optional<String> parent(String key) {
        int p = parent[indexOf(key)];
        return p < 0 ? Optional.empty() : Optional.of(keys[p]);
    }

    /**
     * The children of a node, in key order.
     *
     * @param key a node key
     * @return the children's keys, empty for a leaf
     * @throws IllegalArgumentException if {@code key} is not a node
     */
    public List<String> children(String key) {
        int[] kids = children[indexOf(key)];
        List<String> result = new ArrayList<>(kids.length);
        for (int kid : kids) {
            result.add(keys[kid]);
        }
        return Collections.unmodifiableList(result);
    }

    /**
     * Returns whether a node has no children.
     *
     * @param key a node key
     * @return {@code true} for a leaf
     * @throws IllegalArgumentException if {@code key} is not a node
     */
    public boolean isLeaf(String key) {
        return children[indexOf(key)].length == 0;
    }

    /**
     * Depth of a node.
     *
     * @param key a node key
     * @return 0 for the root, 1 for its children, ...
     * @throws IllegalArgumentException if {@code key} is not a node
     */
    public int depth(String key) {
        return depth[indexOf(key)];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Hierarchy h && Arrays.equals(keys, h.keys) && Arrays.equals(parent, h.parent);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(keys) + Arrays.hashCode(parent);
    }

    /** E.g. {@code Hierarchy[root=2025, size=17]}. */
    @Override
    public String toString() {
        return "Hierarchy[root=" + root() + ", size=" + size() + "]";
    }

    // --- index-based access for the algorithms of this package --------------------------------------

    int parentIndex(int index) {
        return parent[index];
    }

    int[] childIndexes(int index) {
        return children[index];
    }

    /** One past the last pre-order index of {@code index}'s subtree. */
    int subtreeEnd(int index) {
        return subtreeEnd[index];
    }

    int[] leafIndexes() {
        return leaves;
    }

    boolean isLeafIndex(int index) {
        return children[index].length == 0;
    }

    /**
     * Collects the nodes of a {@link Hierarchy}. Keys are unique across the whole tree; siblings end up
     * in key order.
     */
    public static final class Builder {

        private final String root;
        private final Map<String, String> parentByKey = new HashMap<>();
        private final Map<String, TreeSet<String>> childrenByKey = new TreeMap<>();

        private Builder(String root) {
            this.root = requireKey(root, "rootKey");
        }

        /**
         * Adds {@code childKey} under {@code parentKey}. Adding the same edge twice is a no-op.
         *
         * @param parentKey an existing node (the root or a node added before)
         * @param childKey a new key
         * @return this builder
         * @throws IllegalArgumentException if a key is null or blank, {@code parentKey} is not a node yet,
         *     or {@code childKey} already exists under another parent (or is the root)
         */
        public Builder add(String parentKey, String childKey) {
            requireKey(parentKey, "parentKey");
            requireKey(childKey, "childKey");
            if (!parentKey.equals(root) && !parentByKey.containsKey(parentKey)) {
                throw new IllegalArgumentException("parent '" + parentKey + "' of '" + childKey
                        + "' is not a node yet; add parents before children");
            }
            if (childKey.equals(root)) {
                throw new IllegalArgumentException("'" + childKey + "' is the root and cannot be a child");
            }
            String existing = parentByKey.get(childKey);
            if (existing != null && !existing.equals(parentKey)) {
                throw new IllegalArgumentException("'" + childKey + "' is already a child of '" + existing
                        + "', cannot also be a child of '" + parentKey + "'");
            }
            parentByKey.put(childKey, parentKey);
            childrenByKey.computeIfAbsent(parentKey, k -> new TreeSet<>()).add(childKey);
            return this;
        }

        /**
         * Returns whether {@code key} is already a node.
         *
         * @param key candidate key
         * @return {@code true} if it is the root or has been added
         */
        public boolean contains(String key) {
            return root.equals(key) || parentByKey.containsKey(key);
        }

        /** Builds the immutable hierarchy. */
        public Hierarchy build() {
            return new Hierarchy(root, childrenByKey);
        }

        private static String requireKey(String key, String name) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException(name + " must not be null or blank");
            }
            return key;
        }
    }
}
