using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Cms.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddMediaFocalPoint : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Pictures uploaded before focal points existed are cropped around their centre.
            migrationBuilder.AddColumn<double>(
                name: "FocalPointX",
                table: "cmsMedia",
                type: "REAL",
                nullable: false,
                defaultValue: 0.5);

            migrationBuilder.AddColumn<double>(
                name: "FocalPointY",
                table: "cmsMedia",
                type: "REAL",
                nullable: false,
                defaultValue: 0.5);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FocalPointX",
                table: "cmsMedia");

            migrationBuilder.DropColumn(
                name: "FocalPointY",
                table: "cmsMedia");
        }
    }
}
