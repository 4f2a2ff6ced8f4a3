using ChildProtection.Training.Learning;
using ChildProtection.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Learning;

/// <summary>A certificate's printed words, from the site's resources.</summary>
public static class CertificateText
{
    public static CertificatePdfContent For(Certificate certificate, SiteOptions site, string verifyUrl, IStringLocalizer text) => new(
        string.IsNullOrWhiteSpace(site.UnitName) ? site.SiteName : $"{site.UnitName} · {site.SiteName}",
        text["CertificateHeading"],
        text["CertificateSubheading"],
        certificate.LearnerName,
        text["CertificateUnitLine", certificate.UnitName],
        text["CertificateCompletedLine"],
        certificate.CourseTitle,
        text["CertificateDateLine", SiteClock.FormatDate(certificate.IssuedUtc)],
        text["CertificateCode", certificate.Code],
        text["CertificateVerifyLine"],
        verifyUrl);
}
