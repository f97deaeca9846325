namespace Cairn.Core.Checksums;

/// <summary>
/// GF(2) polynomial arithmetic modulo a reflected CRC polynomial of width 1..64. It is what makes
/// <c>Combine</c> O(log n) and lets the folding constants be derived from the polynomial instead of being
/// transcribed as magic numbers. In the reflected representation bit <c>width-1-i</c> is the coefficient of x^i.
/// </summary>
internal static class CrcMath
{
    /// <summary>The polynomial 1 (x^0) in reflected representation.</summary>
    public static ulong One(int width) => 1UL << (width - 1);

    /// <summary>b * x mod P.</summary>
    public static ulong MultiplyByX(ulong b, ulong reflectedPoly) =>
        (b & 1) != 0 ? (b >> 1) ^ reflectedPoly : b >> 1;

    /// <summary>a * b mod P.</summary>
    public static ulong Multiply(ulong a, ulong b, ulong reflectedPoly, int width)
    {
        ulong product = 0;
        for (ulong bit = One(width); a != 0; bit >>= 1)
        {
            if ((a & bit) != 0)
            {
                product ^= b;
                a ^= bit;
            }

            b = MultiplyByX(b, reflectedPoly);
        }

        return product;
    }

    /// <summary>x^n mod P, by repeated multiplication (only used for small n at start-up).</summary>
    public static ulong XPower(int n, ulong reflectedPoly, int width)
    {
        ulong r = One(width);
        for (int i = 0; i < n; i++)
        {
            r = MultiplyByX(r, reflectedPoly);
        }

        return r;
    }

    /// <summary>Bit-reverses the low <paramref name="width"/> bits (normal ↔ reflected polynomial).</summary>
    public static ulong Reflect(ulong value, int width)
    {
        ulong r = 0;
        for (int i = 0; i < width; i++)
        {
            r = (r << 1) | ((value >> i) & 1);
        }

        return r;
    }
}
