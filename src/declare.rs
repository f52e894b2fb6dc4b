//! `close_code_enum!`: turns the generated declaration of the registered variants into
//! `CloseCode`.
//!
//! The generated file (`src/close_codes.rs`, or `OUT_DIR/close_codes.rs` with `regenerate`)
//! writes each registration once, as `Variant = code` with its documentation, inside
//! `close_code_enum! { .. pub enum CloseCode { .. } }`. This macro adds what is the same for
//! every registry: the enum's documentation and attributes, the three fallback variants, and
//! the few items safe Rust can only write with one arm per variant: the list of variants,
//! `Kind` (the variants without payload, whose tags a table can hold), the conversions between
//! the two, and the variants' names. Everything else is ordinary code in the other
//! modules, written against these items and the generated `ROWS`.

/// Declares `CloseCode` from the generated registered variants. See the module documentation.
macro_rules! close_code_enum {
    (
        $(#[$registry_doc:meta])*
        pub enum CloseCode {
            $(
                $(#[$variant_doc:meta])*
                $variant:ident = $code:literal,
            )*
        }
    ) => {
        /// A WebSocket close code: one variant per code IANA registers, and three fallbacks that say
        /// how stable a code without a variant is.
        ///
        /// Every `u16` has exactly one representation: [`CloseCode::from`] maps a registered code to
        /// its variant and never to a fallback, so the derived `==` is the number's, and `Ord` and
        /// `Hash` are implemented by number.
        ///
        /// ```
        /// use closecode::CloseCode;
        ///
        /// let code = CloseCode::from(1008);
        /// assert_eq!(code, CloseCode::PolicyViolation);
        /// assert_eq!(code.to_string(), "1008 Policy Violation");
        /// assert!(matches!(CloseCode::from(4321), CloseCode::Private(c) if c.get() == 4321));
        /// assert_eq!(u16::from(CloseCode::from(4321)), 4321);
        /// ```
        ///
        /// # Stability
        ///
        /// One release of `closecode` is one registry snapshot. A newer snapshot (a new minor release
        /// before 1.0, or a user's `CLOSECODE_REGISTRY_CSV` or `fetch` build) **may**:
        ///
        /// - turn an [`Unassigned`](CloseCode::Unassigned) code into a new named variant (the enum is
        ///   `#[non_exhaustive]` for this reason);
        /// - change display names, descriptions and the registry texts ([`CloseCode::registry_entry`]);
        /// - make a newly registered protocol code sendable ([`CloseCode::is_sendable`]).
        ///
        /// It **never** changes: any code's number; `==`, `Ord`, `Hash` and the serde form (all by
        /// number); [`Private`](CloseCode::Private) (4000-4999, which IANA never registers);
        /// [`OutOfRange`](CloseCode::OutOfRange) (0-999 and 5000-65535); the name of an existing
        /// variant. A registry file that lacks or renames a variant fails the build.
        ///
        /// So match an unregistered code through a `const`, not through a fallback's payload: the
        /// `const` arm keeps matching after a regeneration gives the code a variant of its own.
        ///
        /// ```
        /// use closecode::CloseCode;
        ///
        /// const KICKED: CloseCode = CloseCode::from_u16(4001);
        /// const LIBRARY_CODE: CloseCode = CloseCode::from_u16(3009); // unassigned today
        ///
        /// fn describe(code: CloseCode) -> &'static str {
        ///     match code {
        ///         CloseCode::NormalClosure => "done",
        ///         KICKED => "kicked",
        ///         LIBRARY_CODE => "the library's code, whatever the registry says of it",
        ///         CloseCode::Private(_) => "another application code",
        ///         _ => "something else",
        ///     }
        /// }
        /// assert_eq!(describe(CloseCode::from(4001)), "kicked");
        /// assert_eq!(describe(CloseCode::from(3009)), "the library's code, whatever the registry says of it");
        /// ```
        ///
        /// # The registry
        ///
        $(#[$registry_doc])*
        #[derive(Clone, Copy, PartialEq, Eq)]
        #[non_exhaustive]
        #[repr(u16)]
        pub enum CloseCode {
            // A registered variant's tag is its code; the fallbacks take 0, 1 and 2, which no
            // registration can use (`closecode_registry::Registry::parse` keeps registrations
            // in 1000-3999).
            $(
                $(#[$variant_doc])*
                $variant = $code,
            )*
            /// A code in 4000-4999, the private-use range: stable forever, since IANA never registers
            /// these. Application codes live here (see `closecode-core`'s `AppCloseCode`).
            Private(PrivateCode) = 0,
            /// A code in 1000-3999 without a registration of its own in this snapshot: the only codes
            /// a newer registry can move to a named variant. Match them through a `const`.
            Unassigned(UnassignedCode) = 1,
            /// A code outside 1000-4999: 0-999 (not used) and 5000-65535 (beyond every range RFC 6455
            /// defines). Never sendable, never registered.
            OutOfRange(OutOfRangeCode) = 2,
        }

        /// A [`CloseCode`] variant without its payload, with the same tag: what the conversion
        /// table of `CloseCode::from_u16` holds (a payload-free tag is half the size of a
        /// `CloseCode`, and turns into one without a branch).
        #[derive(Clone, Copy)]
        #[repr(u16)]
        enum Kind {
            $($variant = $code,)*
            Private = 0,
            Unassigned = 1,
            OutOfRange = 2,
        }

        impl CloseCode {
            /// Every registered code in this snapshot, in ascending order: the codes that have a
            /// variant of their own.
            ///
            /// ```
            /// use closecode::CloseCode;
            /// assert_eq!(CloseCode::REGISTERED.first(), Some(&CloseCode::NormalClosure));
            /// assert!(CloseCode::REGISTERED.iter().all(|code| code.is_registered()));
            /// assert!(CloseCode::REGISTERED.is_sorted());
            /// ```
            pub const REGISTERED: &[CloseCode] = &[$(CloseCode::$variant),*];

            /// The variant without its payload.
            #[inline]
            const fn kind(self) -> Kind {
                match self {
                    $(CloseCode::$variant => Kind::$variant,)*
                    CloseCode::Private(_) => Kind::Private,
                    CloseCode::Unassigned(_) => Kind::Unassigned,
                    CloseCode::OutOfRange(_) => Kind::OutOfRange,
                }
            }

            /// The variant `kind` names, with `code` as a fallback's payload. Every arm keeps the
            /// tag, so the optimiser reduces this `match` to the tag and the payload `code`.
            #[inline]
            const fn of_kind(kind: Kind, code: u16) -> CloseCode {
                match kind {
                    $(Kind::$variant => CloseCode::$variant,)*
                    Kind::Private => CloseCode::Private(PrivateCode(code)),
                    Kind::Unassigned => CloseCode::Unassigned(UnassignedCode(code)),
                    Kind::OutOfRange => CloseCode::OutOfRange(OutOfRangeCode(code)),
                }
            }

            /// The variant's tag: a registered variant's code, 0, 1 or 2 for a fallback.
            #[inline]
            const fn tag(self) -> u16 {
                self.kind() as u16
            }

            /// The variant's name, for `Debug`.
            const fn variant_name(self) -> &'static str {
                match self {
                    $(CloseCode::$variant => stringify!($variant),)*
                    CloseCode::Private(_) => "Private",
                    CloseCode::Unassigned(_) => "Unassigned",
                    CloseCode::OutOfRange(_) => "OutOfRange",
                }
            }
        }
    };
}
