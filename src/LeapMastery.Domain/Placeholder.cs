namespace LeapMastery.Domain; public static class Placeholder {}
